package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code vireo vm create --gpus N} sends {@code gpuCount}; {@code vm usb-attach} its USB request (ADR 0027). */
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

  @Test
  void usbAttachSendsPassthroughOrRedirect() throws Exception {
    api.on("POST", "/api/v1/vms/web/usb-devices", 202, ACCEPTED);
    CliRun pass = CliRun.run(profile, "vm", "usb-attach", "web", "--vendor", "0781", "--product", "5581",
        "--no-wait");
    assertEquals(0, pass.exitCode(), pass.stderr());
    CliRun redirect = CliRun.run(profile, "vm", "usb-attach", "web", "--redirect", "192.0.2.10:4000", "--no-wait");
    assertEquals(0, redirect.exitCode(), redirect.stderr());
    var sent = api.requests("POST", "/api/v1/vms/web/usb-devices");
    var first = new ObjectMapper().readTree(sent.get(0).body());
    assertEquals("PASSTHROUGH", first.get("type").asText());
    assertEquals("0781", first.get("vendorId").asText());
    var second = new ObjectMapper().readTree(sent.get(1).body());
    assertEquals("REDIRECT", second.get("type").asText());
    assertEquals("192.0.2.10", second.get("host").asText());
    assertEquals(4000, second.get("port").asInt());
  }

  @Test
  void usbListsTheVmsDevices() throws Exception {
    api.on("GET", "/api/v1/vms/web/usb-devices", 200, "[{\"id\":\"usb-1\",\"vmId\":\"vm-1\",\"type\":"
        + "\"REDIRECT\",\"host\":\"192.0.2.10\",\"port\":4000,\"createdAt\":\"2026-01-01T00:00:00Z\"}]");
    CliRun list = CliRun.run(profile, "vm", "usb", "web");
    assertEquals(0, list.exitCode(), list.stderr());
    org.junit.jupiter.api.Assertions.assertTrue(list.stdout().contains("192.0.2.10:4000"), list.stdout());
  }
}
