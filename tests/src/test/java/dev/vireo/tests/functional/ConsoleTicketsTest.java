package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.SetDisplayPasswordCommand;
import dev.vireo.api.console.ConsoleTunnel;
import dev.vireo.server.config.ServerConfig;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeNodeApiTest;
import dev.vireo.tests.support.SpiceProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Console tickets through the API and the gateway on a fake node (ADR 0030): a ticket names the
 * gateway and carries a fresh 8-character password that the node gets with the ticket's expiry;
 * only a RUNNING VM gets one; the gateway refuses unknown, other-VM, used and expired tickets and
 * answers a node without a display relay with a clear error. A SPICE ticket (ADR 0031) names the
 * SPICE proxy and the certificate to trust, and the proxy answers only CONNECTs with a valid
 * ticket. The real displays are in ConsoleE2eTest and SpiceConsoleE2eTest.
 */
class ConsoleTicketsTest extends FakeNodeApiTest {
  private String running;
  private String stopped;

  @Override
  protected ServerConfig tune(ServerConfig c) {
    return c.withConsole(new ServerConfig.Console(0, 0, 2, 300));
  }

  @BeforeAll
  void vms() throws Exception {
    stopped = createVm("console-stopped", false);
    running = createVm("console-running", true);
  }

  private JsonNode ticket(String vm) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms/" + vm + "/console", token, null);
    assertEquals(201, r.status(), r.toString());
    return r.json();
  }

  private void open(JsonNode t, String vm) throws Exception {
    ConsoleTunnel.open(t.get("host").asText(), t.get("port").asInt(), vm, t.get("ticket").asText(),
        server.fingerprint()).close();
  }

  @Test
  void aTicketNamesTheGatewayAndSetsAFreshPasswordOnTheNodeUntilItExpires() throws Exception {
    Instant before = Instant.now();
    JsonNode a = ticket(running);
    JsonNode b = ticket(running);
    assertEquals("127.0.0.1", a.get("host").asText());
    assertTrue(a.get("port").asInt() > 0);
    assertEquals("VNC", a.get("protocol").asText());
    assertEquals(8, a.get("password").asText().length());
    assertTrue(!a.get("ticket").asText().equals(b.get("ticket").asText())
        && !a.get("password").asText().equals(b.get("password").asText()), "each ticket its own");
    List<SetDisplayPasswordCommand> sent = node.displayPasswords();
    SetDisplayPasswordCommand first = sent.get(sent.size() - 2);
    assertEquals(running, first.domainName());
    assertEquals(a.get("password").asText(), first.password());
    Instant expires = Instant.parse(a.get("expiresAt").asText());
    assertEquals(expires, first.validUntil(), "the node accepts the password only until the ticket expires");
    assertTrue(!expires.isBefore(before.plusSeconds(2)) && expires.isBefore(before.plusSeconds(4)), expires.toString());

    Api.Reply r = api.send("POST", "/api/v1/vms/" + stopped + "/console", token, null);
    assertEquals(409, r.status(), r.toString());
    assertTrue(r.json().get("message").asText().contains("RUNNING"), r.toString());
    assertEquals(404, api.send("POST", "/api/v1/vms/vm-000000000000/console", token, null).status());
    assertEquals(401, api.send("POST", "/api/v1/vms/" + running + "/console", null, null).status());
    assertEquals(422, api.send("POST", "/api/v1/vms/" + running + "/console", token, "{\"protocol\":\"RDP\"}").status());
  }

  @Test
  void theGatewayRefusesUnknownOtherVmUsedAndExpiredTickets() throws Exception {
    JsonNode t = ticket(running);
    assertTrue(assertThrows(ConsoleTunnel.RefusedException.class, () -> open(t, stopped)).getMessage()
        .contains("another VM"));
    // the fake node has no display relay: the ticket is used, and the error says what failed
    String noRelay = assertThrows(ConsoleTunnel.RefusedException.class, () -> open(t, running)).getMessage();
    assertTrue(noRelay.contains("display relay"), noRelay);
    assertTrue(assertThrows(ConsoleTunnel.RefusedException.class, () -> open(t, running)).getMessage()
        .contains("used"));
    JsonNode late = ticket(running);
    Thread.sleep(Duration.ofSeconds(3).toMillis());
    assertTrue(assertThrows(ConsoleTunnel.RefusedException.class, () -> open(late, running)).getMessage()
        .contains("expired"));
    JsonNode made = ticket(running);
    assertTrue(assertThrows(ConsoleTunnel.RefusedException.class, () -> ConsoleTunnel.open(
        made.get("host").asText(), made.get("port").asInt(), running, "x" + made.get("ticket").asText(),
        server.fingerprint()).close()).getMessage().contains("unknown"));
  }

  @Test
  void aSpiceTicketNamesTheProxyAndTheCertificateAndTheProxyChecksIt() throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms/" + running + "/console", token, "{\"protocol\":\"SPICE\"}");
    assertEquals(201, r.status(), r.toString());
    JsonNode t = r.json();
    assertEquals("SPICE", t.get("protocol").asText());
    assertEquals(16, t.get("password").asText().length());
    assertTrue(t.get("ticket").asText().matches("[0-9a-f]{40}"), "a DNS label: " + t);
    int proxy = t.get("port").asInt();
    JsonNode spice = t.get("spice");
    assertEquals("http://127.0.0.1:" + proxy, spice.get("proxy").asText());
    assertEquals(t.get("ticket").asText() + "." + running, spice.get("host").asText());
    assertEquals(proxy, spice.get("tlsPort").asInt());
    assertTrue(spice.get("ca").asText().startsWith("-----BEGIN CERTIFICATE-----\n"), spice.toString());
    assertTrue(spice.get("hostSubject").asText().startsWith("CN="), spice.toString());
    SetDisplayPasswordCommand sent = node.displayPasswords().get(node.displayPasswords().size() - 1);
    assertEquals("SPICE", sent.protocol());
    assertEquals(t.get("password").asText(), sent.password());
    assertTrue(t.get("port").asInt() != ticket(running).get("port").asInt(), "not the VNC gateway");

    assertEquals(403, assertThrows(SpiceProbe.RefusedException.class, () -> SpiceProbe.connect("127.0.0.1", proxy,
        t.get("ticket").asText() + "." + stopped, proxy)).status);
    assertEquals(403, assertThrows(SpiceProbe.RefusedException.class, () -> SpiceProbe.connect("127.0.0.1", proxy,
        "f" + t.get("ticket").asText().substring(1) + "x." + running, proxy)).status);
    assertEquals(400, assertThrows(SpiceProbe.RefusedException.class, () -> SpiceProbe.connect("127.0.0.1", proxy,
        running, proxy)).status);
    try (java.net.Socket claimed = SpiceProbe.connect("127.0.0.1", proxy, spice.get("host").asText(), proxy)) {
      assertTrue(claimed.isConnected(), "a valid ticket opens the tunnel");
    }
  }
}
