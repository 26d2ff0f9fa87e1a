package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerNode;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.agent.server.FakeServer;
import dev.vireo.agent.server.HeartbeatHa;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerMonitorTest {
  FakeServer server;
  Peers peers;
  Fencer fencer;
  PeerMonitor monitor;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeServer();
    peers = new Peers(3);
    fencer = new Fencer(new FakeHypervisor());
    monitor = new PeerMonitor(server.link(), fencer);
  }

  @AfterEach
  void tearDown() {
    monitor.close();
    fencer.close();
    peers.close();
    server.close();
  }

  private void serverSays(List<PeerNode> nodes, int intervalSeconds, int retries) {
    monitor.accepted(new HeartbeatHa.Accepted("node-1", System.nanoTime(), null,
        new HeartbeatReply(nodes, intervalSeconds, retries, 30, true)));
  }

  private void rounds(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      monitor.probeRound().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDeadPeerIsUnreachableOnlyAfterOneFailedProbeAndThreeRetries() throws Exception {
    serverSays(peers.nodes(), 1, 3);
    rounds(1);
    peers.stop(1);

    rounds(3);
    assertEquals(List.of(), monitor.unreachablePeers());
    assertNull(server.peerReports.poll(200, TimeUnit.MILLISECONDS), "no report while nothing changed");

    rounds(1);
    assertEquals(List.of("peer-1"), monitor.unreachablePeers());
    PeerReport report = server.peerReports.poll(5, TimeUnit.SECONDS);
    assertNotNull(report, "a change is reported at once");
    assertEquals("node-1", report.nodeId());
    assertEquals(List.of("peer-1"), report.unreachable());
  }

  @Test
  void aPeerIsReachableAgainAfterOneSuccessfulProbe() throws Exception {
    serverSays(peers.nodes(), 1, 3);
    peers.stop(2);
    rounds(4);
    assertEquals(List.of("peer-2"), monitor.unreachablePeers());
    assertEquals(List.of("peer-2"), server.peerReports.poll(5, TimeUnit.SECONDS).unreachable());

    peers.restart(2);
    rounds(1);

    assertEquals(List.of(), monitor.unreachablePeers());
    assertEquals(List.of(), server.peerReports.poll(5, TimeUnit.SECONDS).unreachable());
  }

  @Test
  void aFrozenPeerDelaysNeitherTheOthersNorTheRound() throws Exception {
    serverSays(peers.nodes(), 1, 0);
    peers.hang(0);
    peers.hang(1);

    long started = System.nanoTime();
    rounds(1);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // two probes of 1 s each in sequence would take 2 s
    assertTrue(millis < 1700, "round took " + millis + " ms");
    assertEquals(List.of("peer-0", "peer-1"), monitor.unreachablePeers());
  }

  @Test
  void followsThePeerListOfTheLatestReply() throws Exception {
    serverSays(peers.nodes(), 1, 0);
    peers.stop(0);
    rounds(1);
    assertEquals(List.of("peer-0"), monitor.unreachablePeers());
    server.peerReports.poll(5, TimeUnit.SECONDS);

    serverSays(List.of(peers.node(1), peers.node(2)), 1, 0); // peer-0 left the cluster
    rounds(1);

    assertEquals(List.of(), monitor.unreachablePeers());
    assertEquals(List.of(), server.peerReports.poll(5, TimeUnit.SECONDS).unreachable());
  }

  @Test
  void anEmptyReplyKeepsThePeers() throws Exception {
    serverSays(peers.nodes(), 1, 0);
    monitor.accepted(new HeartbeatHa.Accepted("node-1", System.nanoTime(), null, null));
    peers.stop(1);

    rounds(1);

    assertEquals(List.of("peer-1"), monitor.unreachablePeers());
  }

  @Test
  void withOneSecondProbesAndThreeRetriesADeadOrFrozenPeerIsDeclaredWithinAboutFourSeconds() throws Exception {
    serverSays(peers.nodes(), 1, 3);
    monitor.start();
    Thread.sleep(1200); // a round with everyone alive

    peers.stop(0); // dead: connections refused
    peers.hang(1); // frozen or cut off: probes time out after 1 s
    long failed = System.nanoTime();
    long dead = -1;
    long frozen = -1;
    while ((dead < 0 || frozen < 0) && System.nanoTime() - failed < TimeUnit.SECONDS.toNanos(10)) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failed);
      if (dead < 0 && monitor.unreachablePeers().contains("peer-0")) {
        dead = millis;
      }
      if (frozen < 0 && monitor.unreachablePeers().contains("peer-1")) {
        frozen = millis;
      }
      Thread.sleep(20);
    }

    System.out.println("[measured] probe interval 1 s, 3 retries: dead peer declared unreachable after " + dead
        + " ms, frozen peer after " + frozen + " ms");
    assertEquals(List.of("peer-0", "peer-1"), monitor.unreachablePeers());
    assertTrue(dead >= 2500 && dead <= 6000, "dead peer declared after " + dead + " ms");
    assertTrue(frozen >= 2500 && frozen <= 7000, "frozen peer declared after " + frozen + " ms");
  }
}
