package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code vireo disk ...} and {@code vireo storage ...} send what the options say. */
class DiskCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"disk\",\"resourceId\":\"disk-1\"}";
  @Test
  void diskCreateSendsNameSizeAndStorage() throws Exception {
    api.on("POST", "/api/v1/disks", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "disk", "create", "--name", "data", "--size-gib", "20", "--storage", "fast",
        "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/disks").get(0).body());
    assertEquals("data", body.get("name").asText());
    assertEquals(20, body.get("sizeGiB").asInt());
    assertEquals("fast", body.get("storageClusterId").asText());
  }

  @Test
  void diskAttachPostsTheDiskToTheVmAndResizeSendsTheNewSize() throws Exception {
    api.on("POST", "/api/v1/vms/web/disks", 202, ACCEPTED);
    api.on("POST", "/api/v1/disks/data/resize", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "disk", "attach", "data", "--vm", "web", "--no-wait").exitCode());
    assertEquals("data", JSON.readTree(api.requests("POST", "/api/v1/vms/web/disks").get(0).body()).get("disk").asText());
    assertEquals(0, CliRun.run(profile, "disk", "resize", "data", "--size-gib", "30", "--no-wait").exitCode());
    assertEquals(30, JSON.readTree(api.requests("POST", "/api/v1/disks/data/resize").get(0).body()).get("sizeGiB")
        .asInt());
  }

  @Test
  void diskClonePostsTheNewName() throws Exception {
    api.on("POST", "/api/v1/disks/data/clone", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "disk", "clone", "data", "--name", "data-copy", "--no-wait").exitCode());
    assertEquals("data-copy", JSON.readTree(api.requests("POST", "/api/v1/disks/data/clone").get(0).body())
        .get("name").asText());
  }

  @Test
  void storageCreateSendsAliasPathAndCluster() throws Exception {
    api.on("POST", "/api/v1/storage-clusters", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "storage", "create", "--name", "capacity", "--path", "/mnt/nfs1", "--cluster",
        "x86", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/storage-clusters").get(0).body());
    assertEquals("/mnt/nfs1", body.get("path").asText());
    assertEquals("x86", body.get("clusterId").asText());
  }

  @Test
  void diskCreateWithoutSizeIsAUsageError() throws Exception {
    CliRun r = CliRun.run(profile, "disk", "create", "--name", "data");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--size-gib"), r.stderr());
  }

  // --- storage live migration (ADR 0026) ---

  @Test
  void diskMigratePostsTheTargetStorageCluster() throws Exception {
    api.on("POST", "/api/v1/disks/data/migrate", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "disk", "migrate", "data", "--storage", "fast", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("fast", JSON.readTree(api.requests("POST", "/api/v1/disks/data/migrate").get(0).body())
        .get("storageClusterId").asText());
  }

  @Test
  void diskMigrateWithoutStorageIsAUsageError() throws Exception {
    CliRun r = CliRun.run(profile, "disk", "migrate", "data");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--storage"), r.stderr());
  }
}
