package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code vireo vm suspend|resume|resize|cpu-mode} and {@code vm create --cpu-mode} send what the options say. */
class VmOperationsCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\"}";
  @Test
  void suspendAndResumePostToTheirRoutes() throws Exception {
    api.on("POST", "/api/v1/vms/web/suspend", 202, ACCEPTED);
    api.on("POST", "/api/v1/vms/web/resume", 202, ACCEPTED);
    assertEquals(0, CliRun.run(profile, "vm", "suspend", "web", "--no-wait").exitCode());
    assertEquals(0, CliRun.run(profile, "vm", "resume", "web", "--no-wait").exitCode());
    assertEquals(1, api.requests("POST", "/api/v1/vms/web/suspend").size());
    assertEquals(1, api.requests("POST", "/api/v1/vms/web/resume").size());
  }

  @Test
  void resizeSendsASpecOrCpuAndMemory() throws Exception {
    api.on("POST", "/api/v1/vms/web/resize", 202, ACCEPTED);
    CliRun spec = CliRun.run(profile, "vm", "resize", "web", "--spec", "4C8G", "--no-wait");
    assertEquals(0, spec.exitCode(), spec.stderr());
    CliRun sizes = CliRun.run(profile, "vm", "resize", "web", "--cpu", "2", "--memory-gib", "4", "--no-wait");
    assertEquals(0, sizes.exitCode(), sizes.stderr());
    JsonNode first = JSON.readTree(api.requests("POST", "/api/v1/vms/web/resize").get(0).body());
    JsonNode second = JSON.readTree(api.requests("POST", "/api/v1/vms/web/resize").get(1).body());
    assertEquals("4C8G", first.get("spec").asText());
    assertEquals(2, second.get("cpu").asInt());
    assertEquals(4, second.get("memoryGiB").asInt());
    CliRun neither = CliRun.run(profile, "vm", "resize", "web", "--cpu", "2");
    assertTrue(neither.exitCode() != 0 && neither.stderr().contains("--memory-gib"), neither.stderr());
  }

  @Test
  void cpuModeIsSetAtCreateAndChangedByPatch() throws Exception {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED);
    api.on("PATCH", "/api/v1/vms/web", 202, ACCEPTED);
    CliRun create = CliRun.run(profile, "vm", "create", "--name", "web", "--image", "alpine", "--spec", "1C1G",
        "--cpu-mode", "host-passthrough", "--no-wait");
    assertEquals(0, create.exitCode(), create.stderr());
    assertEquals("HOST_PASSTHROUGH", JSON.readTree(api.requests("POST", "/api/v1/vms").get(0).body())
        .get("cpuMode").asText());
    CliRun change = CliRun.run(profile, "vm", "cpu-mode", "web", "--mode", "custom", "--no-wait");
    assertEquals(0, change.exitCode(), change.stderr());
    assertEquals("CUSTOM", JSON.readTree(api.requests("PATCH", "/api/v1/vms/web").get(0).body())
        .get("cpuMode").asText());
  }

  // --- system disk growth (C4, ADR 0026) ---

  @Test
  void resizeDiskSendsTheSystemDisksNewSize() throws Exception {
    api.on("POST", "/api/v1/vms/web/system-disk/resize", 202, ACCEPTED);
    CliRun r = CliRun.run(profile, "vm", "resize-disk", "web", "--size-gib", "60", "--no-wait");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(api.requests("POST", "/api/v1/vms/web/system-disk/resize").get(0).body().contains("\"sizeGiB\":60"));
  }
}
