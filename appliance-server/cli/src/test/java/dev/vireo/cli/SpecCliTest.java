package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code vireo spec ...} and {@code vireo disk-spec ...} send what the options say. */
class SpecCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"spec\",\"resourceId\":\"spec-1\"}";
  private static final String DISK_SPEC = "{\"storageClusterId\":\"sc-1\",\"storageClusterName\":\"fast\","
      + "\"clusterId\":\"cluster-1\",\"minGiB\":20,\"maxGiB\":500,\"modified\":true,\"updatedAt\":\"2026-01-01T00:00:00Z\"}";

  @Test
  void specUpdatePatchesOnlyTheGivenFields() throws Exception {
    api.on("PATCH", "/api/v1/specs/spec-1", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "spec", "update", "spec-1", "--cpu", "4", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PATCH", "/api/v1/specs/spec-1").get(0).body());
    assertEquals(4, body.get("cpu").asInt());
    assertTrue(body.path("memoryGiB").isNull() || body.path("memoryGiB").isMissingNode(), body.toString());
    assertTrue(body.path("name").isNull() || body.path("name").isMissingNode(), body.toString());
  }

  @Test
  void specUpdateWithoutAChangeIsAUsageError() throws Exception {
    CliRun r = CliRun.run(profile, "spec", "update", "spec-1");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--cpu"), r.stderr());
  }

  @Test
  void specCreatePostsTheValuesAndTheCluster() throws Exception {
    api.on("POST", "/api/v1/specs", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "spec", "create", "--cpu", "6", "--memory-gib", "12", "--cluster", "c1",
        "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("POST", "/api/v1/specs").get(0).body());
    assertEquals(6, body.get("cpu").asInt());
    assertEquals(12, body.get("memoryGiB").asInt());
    assertEquals("c1", body.get("clusterId").asText());
  }

  @Test
  void diskSpecUpdatePatchesTheRangeAndPrintsIt() throws Exception {
    api.on("PATCH", "/api/v1/disk-specs/fast", 200, DISK_SPEC);
    CliRun r = CliRun.run(profile, "disk-spec", "update", "fast", "--min-gib", "20", "--max-gib", "500");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PATCH", "/api/v1/disk-specs/fast").get(0).body());
    assertEquals(20, body.get("minGiB").asInt());
    assertEquals(500, body.get("maxGiB").asInt());
    assertTrue(r.stdout().contains("fast") && r.stdout().contains("500"), r.stdout());
  }

  @Test
  void diskSpecListShowsEachStorageClustersRange() throws Exception {
    api.on("GET", "/api/v1/disk-specs", 200, "{\"items\":[" + DISK_SPEC + "],\"total\":1,\"offset\":0,\"limit\":1000}");
    CliRun r = CliRun.run(profile, "disk-spec", "list");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("sc-1") && r.stdout().contains("20"), r.stdout());
  }
}
