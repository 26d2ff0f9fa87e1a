package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void writesASpiceTicketAsAVirtViewerFileReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    api.on("POST", "/api/v1/vms/web/console", 201, "{\"id\":\"ct-2\",\"vmId\":\"vm-1\",\"protocol\":\"SPICE\","
        + "\"host\":\"vireo.example\",\"port\":8445,\"ticket\":\"0a1b2c\",\"password\":\"Pw3xYz9QPw3xYz9Q\","
        + "\"expiresAt\":\"2026-12-06T10:05:00Z\",\"spice\":{\"proxy\":\"http://vireo.example:8445\","
        + "\"host\":\"0a1b2c.vm-1\",\"tlsPort\":8445,\"hostSubject\":\"CN=vireo.example,O=Vireo appliance\","
        + "\"ca\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}}");
    Path vv = dir.resolve("web.vv");
    CliRun r = CliRun.run(profile, "vm", "console", "web", "--vv", vv.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("remote-viewer " + vv), r.stdout());
    assertTrue(api.requests("POST", "/api/v1/vms/web/console").get(0).body().contains("\"SPICE\""),
        api.requests("POST", "/api/v1/vms/web/console").toString());
    String text = Files.readString(vv);
    assertTrue(text.startsWith("[virt-viewer]\ntype=spice\nhost=0a1b2c.vm-1\ntls-port=8445\n"
        + "password=Pw3xYz9QPw3xYz9Q\nproxy=http://vireo.example:8445\n"
        + "ca=-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\n"
        + "host-subject=CN=vireo.example,O=Vireo appliance\n"), text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vv)));
  }
}
