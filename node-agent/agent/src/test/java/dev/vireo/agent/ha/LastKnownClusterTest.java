package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.server.FakeServer;
import dev.vireo.agent.server.HeartbeatHa;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent restarted while cut off (its VMs kept running) must still fence. */
class LastKnownClusterTest {
  @TempDir
  Path state;

  @Test
  void anAgentRestartedWhileCutOffFencesOnTheLastKnownCluster() throws Exception {
    Path file = state.resolve("last-known-cluster.json");
    FakeHypervisor hypervisor = new FakeHypervisor();
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);
    try (FakeServer server = new FakeServer(); Peers peers = new Peers(2); Fencer fencer = new Fencer(hypervisor)) {
      HeartbeatReply reply = new HeartbeatReply(peers.nodes(), 1, 0, 30, true);
      try (PeerMonitor before = new PeerMonitor(server.link(), fencer, file)) {
        before.accepted(new HeartbeatHa.Accepted("node-1", System.nanoTime(), null, reply));
      }
      assertEquals(reply, new LastKnownCluster(file).load().orElseThrow().reply());

      // the agent restarts while the server and both peers are out of reach
      server.close();
      peers.stop(0);
      peers.stop(1);
      try (PeerMonitor after = new PeerMonitor(server.link(), fencer, file)) {
        after.start();
        long started = System.nanoTime();
        while (fencer.reportedFencedAt() == null && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
          Thread.sleep(20);
        }
      }

      assertNotNull(fencer.reportedFencedAt(), "fenced although fenceAfterSeconds (30) has not passed since the restart");
      assertEquals(DomainPowerState.SHUTOFF, hypervisor.state("vm-a"));
    }
  }
}
