package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vireo disk snapshot ...}, {@code vireo vm snapshot ...} and {@code vireo disk qos ...} send what the options say. */
class SnapshotCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"disk\",\"resourceId\":\"disk-1\"}";
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
  void diskSnapshotCreateRollbackAndNewDiskHitTheirRoutes() throws Exception {
    api.on("POST", "/api/v1/disks/data/snapshots", 202, ACCEPTED);
    api.on("POST", "/api/v1/disks/data/snapshots/s1/rollback", 202, ACCEPTED);
    api.on("POST", "/api/v1/disks/data/snapshots/s1/disks", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "disk", "snapshot", "create", "data", "--name", "s1", "--description", "x",
        "--no-wait").exitCode());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/disks/data/snapshots").get(0).body());
    assertEquals("s1", body.get("name").asText());
    assertEquals(0, CliRun.run(profile, "disk", "snapshot", "rollback", "data", "--snapshot", "s1", "--no-wait")
        .exitCode());
    assertEquals(0, CliRun.run(profile, "disk", "snapshot", "new-disk", "data", "--snapshot", "s1", "--name", "copy",
        "--no-wait").exitCode());
    assertEquals("copy", JSON.readTree(api.requests("POST", "/api/v1/disks/data/snapshots/s1/disks").get(0).body())
        .get("name").asText());
  }

  @Test
  void vmSnapshotGoesToTheVmsRoute() throws Exception {
    api.on("POST", "/api/v1/vms/web/snapshots", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "vm", "snapshot", "create", "web", "--name", "sys", "--no-wait").exitCode());
    assertEquals("sys", JSON.readTree(api.requests("POST", "/api/v1/vms/web/snapshots").get(0).body()).get("name")
        .asText());
  }

  @Test
  void diskQosSetSendsAllFourLimitsAndRefusesOutOfRange() throws Exception {
    api.on("PUT", "/api/v1/disks/data/qos", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "disk", "qos", "set", "data", "--read-iops", "500", "--write-iops", "0",
        "--read-mbps", "1", "--write-mbps", "20", "--no-wait").exitCode());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/disks/data/qos").get(0).body());
    assertEquals(500, body.get("readIops").asInt());
    assertEquals(1, body.get("readMBps").asInt());
    CliRun bad = CliRun.run(profile, "disk", "qos", "set", "data", "--read-iops", "50001", "--write-iops", "0",
        "--read-mbps", "1", "--write-mbps", "20", "--no-wait");
    assertTrue(bad.exitCode() != 0, bad.stdout());
    assertTrue(bad.stderr().contains("read-iops"), bad.stderr());
  }
}
