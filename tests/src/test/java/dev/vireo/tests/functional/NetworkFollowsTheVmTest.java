package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.FakeAgent;
import dev.vireo.tests.support.Fixtures;
import dev.vireo.tests.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM's networks are ensured on the node it moves to before it arrives there (live migration),
 * even when that node missed its NETWORK_SYNC: the destination's EnsureNetwork count grows by the
 * migration, and a destination that cannot carry the network fails the job with the VM staying put.
 */
class NetworkFollowsTheVmTest {
  @TempDir
  Path dir;

  @Test
  void liveMigrationEnsuresTheVmsNetworksOnTheDestinationFirst() throws Exception {
    assumeTrue(Fixtures.hasQemuImg(), "qemu-img is needed to import the test image");
    try (TestServer server = TestServer.start(dir)) {
      Api api = server.api();
      String token = server.login();
      FakeAgent home = server.fakeAgent();
      FakeAgent away = server.peerFakeAgent();
      String image = Fixtures.importImage(server, token, dir, "follow-image");
      Api.Reply net = api.send("POST", "/api/v1/networks", token,
          NetworksTest.body("lan", 41, "10.41.0.0/24", "\"ipv4Gateway\":\"10.41.0.1\""));
      api.succeeded(token, net);
      String lan = net.json().get("resourceId").asText();
      Api.Reply created = api.send("POST", "/api/v1/vms", token, "{\"name\":\"mover\",\"image\":\"" + image
          + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,\"start\":true,\"nics\":[{\"network\":\"lan\"}]}");
      api.succeeded(token, created);
      String vm = created.json().get("resourceId").asText();
      String from = api.send("GET", "/api/v1/vms/" + vm, token, null).json().get("nodeId").asText();
      FakeAgent destination = from.equals(home.nodeId()) ? away : home;
      int before = destination.ensuredNetworks().getOrDefault(lan, 0);

      destination.failNetworks("no device trunk0 on this node");
      Api.Reply refused = api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
          "{\"nodeId\":\"" + destination.nodeId() + "\"}");
      String job = refused.json().get("jobId").asText();
      String state = api.waitForJob(token, job).get("state").asText();
      assertEquals("FAILED", state, "a destination without the network fails the migration");
      assertEquals(from, api.send("GET", "/api/v1/vms/" + vm, token, null).json().get("nodeId").asText());

      destination.failNetworks(null);
      api.succeeded(token, api.send("POST", "/api/v1/vms/" + vm + "/migrate", token,
          "{\"nodeId\":\"" + destination.nodeId() + "\"}"));
      assertEquals(destination.nodeId(), api.send("GET", "/api/v1/vms/" + vm, token, null).json().get("nodeId").asText());
      assertTrue(destination.ensuredNetworks().getOrDefault(lan, 0) > before,
          "EnsureNetwork sent to the destination: " + destination.ensuredNetworks());
    }
  }
}
