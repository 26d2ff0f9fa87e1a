package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0029 in the CLI: make-image, reinstall, eject-iso, create --boot-disk and image download. */
class SystemDiskImagesCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\"}";
  /** SHA-256 of "qcow2-bytes". */
  private static final String SHA = sha("qcow2-bytes");

  @TempDir
  Path tmp;

  private static String sha(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String image(String checksum) {
    return "{\"id\":\"img-1\",\"name\":\"made\",\"description\":null,\"format\":\"QCOW2\",\"osType\":\"LINUX\","
        + "\"bootMode\":\"BIOS\",\"kind\":\"CUSTOM\",\"state\":\"AVAILABLE\",\"sizeBytes\":11,\"virtualSizeBytes\":11,"
        + "\"checksumSha256\":\"" + checksum + "\",\"createdAt\":\"2026-12-06T10:00:00Z\"}";
  }

  @Test
  void makeImageReinstallAndEjectPostToTheirRoutes() throws Exception {
    api.on("POST", "/api/v1/vms/web/image", 202, ACCEPTED.replace("\"vm\",\"resourceId\":\"vm-1\"",
        "\"image\",\"resourceId\":\"img-1\""));
    api.on("POST", "/api/v1/vms/web/reinstall", 202, ACCEPTED);
    api.on("DELETE", "/api/v1/vms/web/cdrom", 202, ACCEPTED);
    CliRun made = CliRun.run(profile, "vm", "make-image", "web", "--name", "golden", "--no-wait");
    assertEquals(0, made.exitCode(), made.stderr());
    assertEquals("golden", JSON.readTree(api.requests("POST", "/api/v1/vms/web/image").get(0).body()).get("name")
        .asText());
    Path pw = Files.writeString(tmp.resolve("pw"), "a-new-secret\n");
    CliRun re = CliRun.run(profile, "vm", "reinstall", "web", "--image", "ubuntu", "--password-file", pw.toString(),
        "--no-wait");
    assertEquals(0, re.exitCode(), re.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/vms/web/reinstall").get(0).body());
    assertEquals("ubuntu", body.get("image").asText());
    assertEquals("a-new-secret", body.get("password").asText());
    CliRun noImage = CliRun.run(profile, "vm", "reinstall", "web");
    assertTrue(noImage.exitCode() != 0 && noImage.stderr().contains("--image"), noImage.stderr());
    assertEquals(0, CliRun.run(profile, "vm", "eject-iso", "web", "--no-wait").exitCode());
    assertEquals(1, api.requests("DELETE", "/api/v1/vms/web/cdrom").size());
  }

  @Test
  void createFromADiskSendsBootDiskInsteadOfImage() throws Exception {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "vm", "create", "--name", "web", "--boot-disk", "osdisk", "--os-type", "windows",
        "--boot-mode", "uefi", "--spec", "2C4G", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/vms").get(0).body());
    assertEquals("osdisk", body.get("bootDisk").asText());
    assertEquals("WINDOWS", body.get("osType").asText());
    assertEquals("UEFI", body.get("bootMode").asText());
    assertTrue(body.path("image").isMissingNode() || body.get("image").isNull(), body.toString());
  }

  @Test
  void downloadWritesTheFileAndChecksItsSha256() throws Exception {
    api.on("GET", "/api/v1/images/made", 200, image(SHA));
    api.on("GET", "/api/v1/images/img-1/file", 200, "qcow2-bytes");
    Path out = tmp.resolve("made.qcow2");
    CliRun ok = CliRun.run(profile, "image", "download", "made", "--file", out.toString());
    assertEquals(0, ok.exitCode(), ok.stderr());
    assertEquals("qcow2-bytes", Files.readString(out));
    assertTrue(ok.stdout().contains("verified"), ok.stdout());

    api.on("GET", "/api/v1/images/corrupt", 200, image(sha("something else")));
    CliRun bad = CliRun.run(profile, "image", "download", "corrupt", "--file", out.toString());
    assertTrue(bad.exitCode() != 0 && bad.stderr().contains("SHA-256"), bad.exitCode() + bad.stdout() + bad.stderr());
  }
}
