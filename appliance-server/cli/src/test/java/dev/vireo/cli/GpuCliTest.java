package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code vireo vm create --gpus N} sends {@code gpuCount} (ADR 0027). */
class GpuCliTest extends LoggedInCliTest {
  private static final String ACCEPTED = "{\"jobId\":\"job-1\",\"resourceType\":\"vm\",\"resourceId\":\"vm-1\"}";

  @Test
  void gpusIsSentAsGpuCount() throws Exception {
    api.on("POST", "/api/v1/vms", 202, ACCEPTED);
    CliRun create = CliRun.run(profile, "vm", "create", "--name", "ml", "--image", "ubuntu", "--spec", "8C16G",
        "--gpus", "2", "--no-wait");
    assertEquals(0, create.exitCode(), create.stderr());
    assertEquals(2, new ObjectMapper().readTree(api.requests("POST", "/api/v1/vms").get(0).body())
        .get("gpuCount").asInt());
  }
}
