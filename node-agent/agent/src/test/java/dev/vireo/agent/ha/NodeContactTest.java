package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeContactTest {
  /** fenceAfterSeconds is 5 throughout; the server is "lost" after more than 5 s without an accepted heartbeat. */
  @ParameterizedTest(name = "ha={0} peers={1} reachable={2} since={3}ms -> fence={4}")
  @CsvSource({
      // server lost, majority lost, HA on: the only case that fences
      "true,  2, 0, 6000, true",
      // server reachable (recent heartbeat), majority lost
      "true,  2, 0, 1000, false",
      // server lost, majority reachable
      "true,  2, 2, 6000, false",
      "true,  2, 1, 6000, false",
      // server reachable, majority reachable
      "true,  2, 2, 1000, false",
      // HA off: never
      "false, 2, 0, 6000, false",
      "false, 2, 2, 6000, false",
      "false, 2, 0, 1000, false",
      "false, 2, 2, 1000, false",
      // no peers: never, even with the server lost
      "true,  0, 0, 6000, false",
      "false, 0, 0, 6000, false",
      // exactly fenceAfterSeconds is not more than it
      "true,  2, 0, 5000, false",
      // half of an even cluster is not a majority: 2 nodes, peer lost; 4 nodes, 1 of 3 peers reached
      "true,  1, 0, 6000, true",
      "true,  3, 1, 6000, true",
      "true,  3, 2, 6000, false",
      // 5 nodes: 2 of 4 peers reached makes 3 of 5, a majority
      "true,  4, 2, 6000, false",
      "true,  4, 1, 6000, true",
  })
  void fencesOnlyWhenHaIsOnPeersExistTheServerIsLostAndTheMajorityIsLost(boolean ha, int peers, int reachable,
      long sinceMillis, boolean expected) {
    assertEquals(expected, new NodeContact(ha, peers, reachable, Duration.ofMillis(sinceMillis), 5).mustFence());
  }
}
