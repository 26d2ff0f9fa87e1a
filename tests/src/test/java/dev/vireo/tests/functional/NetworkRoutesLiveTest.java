package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PATCH /api/v1/networks/{id} with new routes (N3, ADR 0017): validated like at create (422
 * naming the field); recorded; every RUNNING VM with a NIC on the network gets SetGuestRoutes on
 * its own node (old and new routes), a stopped one gets nothing; the DHCP servers get the new
 * option 121; a VM whose guest agent does not answer fails the job naming it, the others are
 * updated and the routes stay recorded.
 */
class NetworkRoutesLiveTest {
  @TempDir
  Path dir;

  @Test
  void newRoutesReachTheRunningGuestsOnTheirNodes() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    try (TestServer server = TestServer.start(dir)) {
      Api api = server.api();
      String token = server.login();
      FakeAgent home = server.fakeAgent();
      FakeAgent away = server.peerFakeAgent();
      String image = Fixtures.importImage(server, token, dir, "routes-image");
      Api.Reply net = api.send("POST", "/api/v1/networks", token, NetworksTest.body("rt", 44, "10.44.0.0/24",
          "\"ipv4Gateway\":\"10.44.0.1\",\"dhcp\":true,"
              + "\"routes\":[{\"destination\":\"192.168.7.0/24\",\"nextHop\":\"10.44.0.254\"}]"));
      api.succeeded(token, net);
      String rt = net.json().get("resourceId").asText();

      for (String bad : List.of("{\"routes\":[{\"destination\":\"10.77.0.1/16\",\"nextHop\":\"10.44.0.1\"}]}",
          "{\"routes\":[{\"destination\":\"10.77.0.0/16\",\"nextHop\":\"10.45.0.1\"}]}", "{}")) {
        Api.Reply r = api.send("PATCH", "/api/v1/networks/" + rt, token, bad);
        assertEquals(422, r.status(), bad + " -> " + r);
        assertTrue(r.json().get("field").asText().startsWith("routes"), r.toString());
      }
      assertEquals(404, api.send("PATCH", "/api/v1/networks/nope", token, "{\"routes\":[]}").status());

      String a = vm(api, token, image, "ra", true);
      String b = vm(api, token, image, "rb", true);
      String c = vm(api, token, image, "rc", false);
      FakeAgent onA = nodeOf(api, token, a).equals(home.nodeId()) ? home : away;
      FakeAgent onB = nodeOf(api, token, b).equals(home.nodeId()) ? home : away;

      Api.Reply patched = api.send("PATCH", "/api/v1/networks/" + rt, token,
          "{\"routes\":[{\"destination\":\"10.77.0.0/16\",\"nextHop\":\"10.44.0.1\"}]}");
      assertEquals(202, patched.status(), patched.toString());
      JsonNode job = api.waitForJob(token, patched.json().get("jobId").asText());
      assertEquals("SUCCEEDED", job.get("state").asText(), job.toString());
      List<SeedRoute> old = List.of(new SeedRoute("192.168.7.0/24", "10.44.0.254"));
      List<SeedRoute> next = List.of(new SeedRoute("10.77.0.0/16", "10.44.0.1"));
      SetGuestRoutesCommand sent = onA.guestRoutes().get(a);
      assertEquals(old, sent.previous());
      assertEquals(next, sent.routes());
      assertEquals(next, onB.guestRoutes().get(b).routes(), "b gets them on its own node");
      assertNull(home.guestRoutes().get(c), "a stopped VM gets nothing (its next define brings them)");
      assertNull(away.guestRoutes().get(c));
      assertEquals(next, home.dhcpServers().get(rt).routes(), "DHCP option 121 follows");
      assertEquals(next, away.dhcpServers().get(rt).routes());
      assertEquals("10.77.0.0/16", api.send("GET", "/api/v1/networks/" + rt, token, null).json()
          .get("routes").get(0).get("destination").asText());

      onA.silenceGuestAgent(a);
      Api.Reply again = api.send("PATCH", "/api/v1/networks/" + rt, token, "{\"routes\":[]}");
      JsonNode failed = api.waitForJob(token, again.json().get("jobId").asText());
      assertEquals("FAILED", failed.get("state").asText(), failed.toString());
      assertTrue(failed.toString().contains("ra (" + a + ")"), "the job names the VM: " + failed);
      assertFalse(failed.toString().contains("rb ("), failed.toString());
      assertEquals(List.of(), onB.guestRoutes().get(b).routes(), "b was updated anyway");
      assertEquals(0, api.send("GET", "/api/v1/networks/" + rt, token, null).json().get("routes").size(),
          "the routes stay recorded");
    }
  }

  private static String vm(Api api, String token, String image, String name, boolean start) throws Exception {
    Api.Reply created = api.send("POST", "/api/v1/vms", token, "{\"name\":\"" + name + "\",\"image\":\"" + image
        + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":" + start + ",\"nics\":[{\"network\":\"rt\"}]}");
    api.succeeded(token, created);
    return created.json().get("resourceId").asText();
  }

  private static String nodeOf(Api api, String token, String vm) throws Exception {
    return api.send("GET", "/api/v1/vms/" + vm, token, null).json().get("nodeId").asText();
  }
}
