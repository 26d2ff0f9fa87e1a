package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0027, white paper 3.1.4/4.2.10: USB passthrough (a device the VM's node lists; migration
 * refused while attached, naming the device) and USB redirection over TCP (migrates), over two
 * fake nodes that each list a SanDisk 0781:5581 on bus 1 device 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsbDevicesTest {
  @TempDir
  static Path dir;
  private TestServer server;
  private Api api;
  private String token;
  private String imageId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir);
    api = server.api();
    token = server.login();
    server.fakeAgent();
    server.peerFakeAgent();
    if (Fixtures.hasQemuImg()) {
      imageId = Fixtures.importImage(server, token, dir, "usb-image");
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private String runningVm(String name) throws Exception {
    Api.Reply r = api.send("POST", "/api/v1/vms", token, Fixtures.vmBody(name, imageId).replace("false", "true"));
    api.succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  private FakeAgent agentOf(String vmId) throws Exception {
    String node = api.send("GET", "/api/v1/vms/" + vmId, token, null).json().get("nodeId").asText();
    return node.equals(server.fakeAgent().nodeId()) ? server.fakeAgent() : server.peerFakeAgent();
  }

  private Api.Reply attach(String vmId, String body) throws Exception {
    return api.send("POST", "/api/v1/vms/" + vmId + "/usb-devices", token, body);
  }

  private void assertRejected(Api.Reply r, int status, String field, String rule) {
    assertEquals(status, r.status(), r.toString());
    assertFalse(r.body().contains("Exception"), r.body());
    assertEquals(field, r.json().path("field").asText(), r.body());
    assertTrue(r.json().path("message").asText().contains(rule), r + " does not say '" + rule + "'");
  }

  @Test
  void passthroughBlocksMigrationUntilDetachedWhileARedirectionMigrates() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    String vmId = runningVm("usb-vm");
    FakeAgent home = agentOf(vmId);

    Api.Reply pass = attach(vmId, "{\"type\":\"PASSTHROUGH\",\"vendorId\":\"0781\",\"productId\":\"5581\"}");
    api.succeeded(token, pass);
    Api.Reply redirect = attach(vmId, "{\"type\":\"REDIRECT\",\"host\":\"192.0.2.10\",\"port\":4000}");
    api.succeeded(token, redirect);

    JsonNode list = api.send("GET", "/api/v1/vms/" + vmId + "/usb-devices", token, null).json();
    assertEquals(2, list.size(), list.toString());
    String passId = list.get(0).get("id").asText();
    assertEquals("PASSTHROUGH", list.get(0).get("type").asText());
    assertEquals("REDIRECT", list.get(1).get("type").asText());
    assertEquals(4000, list.get(1).get("port").asInt());
    assertTrue(home.usbDevices(vmId).containsKey("ua-" + passId), home.usbDevices(vmId).toString());
    assertEquals(2, home.usbDevices(vmId).size());

    // passthrough attached: migration is refused, naming the device
    Api.Reply refused = api.send("POST", "/api/v1/vms/" + vmId + "/migrate", token, null);
    assertRejected(refused, 409, "usbDevices", passId);
    assertTrue(refused.json().get("message").asText().contains("0781:5581"), refused.body());

    // detached: the VM migrates with its redirection, which the destination's definition carries
    api.succeeded(token, api.send("DELETE", "/api/v1/vms/" + vmId + "/usb-devices/" + passId, token, null));
    assertFalse(home.usbDevices(vmId).containsKey("ua-" + passId));
    assertEquals(1, api.send("GET", "/api/v1/vms/" + vmId + "/usb-devices", token, null).json().size());
    api.succeeded(token, api.send("POST", "/api/v1/vms/" + vmId + "/migrate", token, null));
    assertEquals("RUNNING", api.send("GET", "/api/v1/vms/" + vmId, token, null).json().get("state").asText());
  }

  @Test
  void badInputNamesTheFieldAndRule() throws Exception {
    assumeTrue(imageId != null, "assumes qemu-img (the server needs it to import the image)");
    String vmId = runningVm("usb-bad");
    assertRejected(attach(vmId, "{\"vendorId\":\"0781\",\"productId\":\"5581\"}"), 422, "type", "is required");
    assertRejected(attach(vmId, "{\"type\":\"PASSTHROUGH\",\"vendorId\":\"1234\",\"productId\":\"5678\"}"), 422,
        "vendorId", "has no USB device 1234:5678");
    assertRejected(attach(vmId, "{\"type\":\"PASSTHROUGH\",\"vendorId\":\"07\",\"productId\":\"5581\"}"), 422,
        "vendorId", "4 hex digits");
    assertRejected(attach(vmId, "{\"type\":\"PASSTHROUGH\",\"bus\":1}"), 422, "device", "together");
    assertRejected(attach(vmId, "{\"type\":\"REDIRECT\",\"host\":\"192.0.2.10\",\"port\":0}"), 422, "port",
        "between 1 and 65535");
    assertRejected(attach(vmId, "{\"type\":\"REDIRECT\",\"port\":4000}"), 422, "host", "is required");
    assertEquals(404, api.send("DELETE", "/api/v1/vms/" + vmId + "/usb-devices/usb-nosuch", token, null).status());
    // by bus/device: the fake node's stick is on bus 1 device 2
    api.succeeded(token, attach(vmId, "{\"type\":\"PASSTHROUGH\",\"bus\":1,\"device\":2}"));
  }
}
