package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.testing.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vireo settings ...} sends what the options say (ADR 0045). */
class SettingsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;
  Path profile;
  FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
    profile = dir.resolve("profile.ini");
    new Profile(api.uri().toString(), api.fingerprint, "tok-1", "admin").save(profile);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void disksAndDeletionPolicyPutOnlyWhatIsGiven() throws Exception {
    api.on("PUT", "/api/v1/settings/disks", 200, "{\"qosEnabled\":false,\"maxSnapshotsPerDisk\":3,\"qosJobId\":null}");
    api.on("PUT", "/api/v1/settings/deletion-policy", 200, "{\"deletionForbidden\":true}");
    assertEquals(0, CliRun.run(profile, "settings", "disks", "--max-snapshots", "3").exitCode());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/settings/disks").get(0).body());
    assertEquals(3, body.get("maxSnapshotsPerDisk").asInt());
    assertTrue(body.path("qosEnabled").isNull() || body.path("qosEnabled").isMissingNode(), body.toString());
    assertNotEquals(0, CliRun.run(profile, "settings", "disks", "--max-snapshots", "6").exitCode());
    assertEquals(0, CliRun.run(profile, "settings", "deletion-policy", "--forbid").exitCode());
    assertTrue(JSON.readTree(api.requests("PUT", "/api/v1/settings/deletion-policy").get(0).body())
        .get("deletionForbidden").asBoolean());
  }

  @Test
  void replacingTheCertificatePinsTheNewFingerprintInTheProfile() throws Exception {
    api.on("PUT", "/api/v1/settings/tls-certificate", 200, "{\"subject\":\"CN=x\",\"issuer\":\"CN=x\","
        + "\"notBefore\":\"2026-01-01T00:00:00Z\",\"notAfter\":\"2027-01-01T00:00:00Z\",\"sha256Fingerprint\":"
        + "\"AA:BB\",\"chainLength\":1,\"source\":\"UPLOADED\"}");
    Path chain = Files.writeString(dir.resolve("chain.pem"), "CHAIN");
    Path key = Files.writeString(dir.resolve("key.pem"), "KEY");
    assertEquals(0, CliRun.run(profile, "settings", "tls-certificate", "--chain", chain.toString(), "--key",
        key.toString()).exitCode());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/settings/tls-certificate").get(0).body());
    assertEquals("CHAIN", body.get("certificateChain").asText());
    assertEquals("KEY", body.get("privateKey").asText());
    assertEquals("AA:BB", Profile.load(profile).orElseThrow().fingerprint());
  }
}
