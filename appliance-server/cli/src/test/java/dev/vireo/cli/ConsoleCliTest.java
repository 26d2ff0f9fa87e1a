package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code vireo vm console <vm>} asks for a ticket and prints how to use it (ADR 0030). */
class ConsoleCliTest extends LoggedInCliTest {
  @Test
  void printsTheTicketTheGatewayAndThePassword() throws Exception {
    api.on("POST", "/api/v1/vms/web/console", 201, "{\"id\":\"ct-1\",\"vmId\":\"vm-1\",\"protocol\":\"VNC\","
        + "\"host\":\"vireo.example\",\"port\":8444,\"ticket\":\"tkt-abc\",\"password\":\"Pw3xYz9Q\","
        + "\"expiresAt\":\"2026-12-06T10:05:00Z\"}");
    CliRun r = CliRun.run(profile, "vm", "console", "web");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("vireo.example:8444") && r.stdout().contains("tkt-abc")
        && r.stdout().contains("Pw3xYz9Q"), r.stdout());
    assertEquals(1, api.requests("POST", "/api/v1/vms/web/console").size());
    CliRun json = CliRun.run(profile, "--output", "json", "vm", "console", "web");
    assertEquals(0, json.exitCode(), json.stderr());
    assertTrue(json.stdout().contains("\"ticket\" : \"tkt-abc\"") || json.stdout().contains("\"ticket\":\"tkt-abc\""),
        json.stdout());
  }
}
