package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.server.FakeServer;
import dev.vireo.agent.server.HeartbeatHa;
import dev.vireo.agent.server.NodeReporter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The fencing rule through the monitor, with real peers (stopped = dead) and a real server stand-in. */
class PeerMonitorFencingTest {

  /**
   * Four nodes: this one and three peers. "Majority lost" stops two peers (2 of 4 reachable counting
   * this one, not more than half); "majority reachable" stops one (3 of 4). "Server lost" means the
   * last accepted heartbeat was sent 10 s ago, with fenceAfterSeconds 5.
   */
  @ParameterizedTest(name = "server lost={0} majority lost={1} ha={2} peers={3} -> fenced={4}")
  @CsvSource({
      "true,  true,  true,  3, true",
      "false, true,  true,  3, false",
      "true,  false, true,  3, false",
      "false, false, true,  3, false",
      "true,  true,  false, 3, false",
      "false, true,  false, 3, false",
      "true,  false, false, 3, false",
      "false, false, false, 3, false",
      "true,  true,  true,  0, false",
      "true,  true,  false, 0, false",
  })
  void fencesExactlyWhenEveryConditionHolds(boolean serverLost, boolean majorityLost, boolean ha, int peerCount,
      boolean fenced) throws Exception {
    FakeHypervisor hypervisor = new FakeHypervisor();
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);
    hypervisor.domains.put("other", DomainPowerState.RUNNING);
    try (FakeServer server = new FakeServer(); Peers peers = new Peers(peerCount); Fencer fencer = new Fencer(hypervisor);
        PeerMonitor monitor = new PeerMonitor(server.link(), fencer)) {
      long sent = System.nanoTime() - TimeUnit.SECONDS.toNanos(serverLost ? 10 : 1);
      monitor.accepted(new HeartbeatHa.Accepted("node-1", sent, null,
          new HeartbeatReply(peers.nodes(), 1, 0, 5, ha)));
      if (peerCount > 0) {
        peers.stop(0);
        if (majorityLost) {
          peers.stop(1);
        }
      }

      monitor.probeRound().get(5, TimeUnit.SECONDS);

      assertEquals(fenced, fencer.fencedAt() != null);
      assertEquals(fenced, fencer.reportedFencedAt() != null);
      assertEquals(fenced ? DomainPowerState.SHUTOFF : DomainPowerState.RUNNING, hypervisor.state("vm-a"));
      assertEquals(DomainPowerState.RUNNING, hypervisor.state("other"));
    }
  }

  @Test
  void aPartitionedNodeFencesAndTheFencingEndsOnceAHeartbeatCarryingItIsAccepted() throws Exception {
    FakeHypervisor hypervisor = new FakeHypervisor();
    hypervisor.domains.put("vm-a", DomainPowerState.RUNNING);
    try (FakeServer server = new FakeServer(); Peers peers = new Peers(2); Fencer fencer = new Fencer(hypervisor);
        PeerMonitor monitor = new PeerMonitor(server.link(), fencer)) {
      server.reply = new HeartbeatReply(peers.nodes(), 1, 0, 1, true);
      NodeReporter reporter = new NodeReporter(server.link(), hypervisor, "http://127.0.0.1:7070", "token", null, monitor);
      try {
        reporter.start();
        monitor.start();
        long begun = System.nanoTime();
        while (reporter.latestReply() == null && System.nanoTime() - begun < TimeUnit.SECONDS.toNanos(5)) {
          Thread.sleep(20);
        }
        assertNotNull(reporter.latestReply(), "the agent heard of its peers");

        // partition: the server and both peers are gone
        server.heartbeatStatus = 503;
        peers.stop(0);
        peers.stop(1);
        long cut = System.nanoTime();
        while (fencer.reportedFencedAt() == null && System.nanoTime() - cut < TimeUnit.SECONDS.toNanos(8)) {
          Thread.sleep(20);
        }
        Instant fencedAt = fencer.reportedFencedAt();
        assertNotNull(fencedAt, "fenced");
        assertEquals(DomainPowerState.SHUTOFF, hypervisor.state("vm-a"));
        System.out.println("[measured] fenced " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut)
            + " ms after the partition (fenceAfterSeconds 1, probes every 1 s, no retries)");

        // the server comes back: the next heartbeat tells it, and the fencing ends
        server.heartbeats.clear();
        server.heartbeatStatus = 200;
        Heartbeat told = null;
        while (told == null || told.fencedAt() == null) {
          told = server.heartbeats.poll(5, TimeUnit.SECONDS);
          assertNotNull(told, "heartbeats go on");
        }
        assertEquals(fencedAt, told.fencedAt());
        assertEquals(List.of("peer-0", "peer-1"), told.unreachablePeers());
        long waited = System.nanoTime();
        while (fencer.fencedAt() != null && System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(3)) {
          Thread.sleep(20);
        }
        assertNull(fencer.fencedAt());
      } finally {
        reporter.close();
      }
    }
  }
}
