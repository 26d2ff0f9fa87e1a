package dev.vireo.agent.ha;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.PeerNode;
import org.junit.jupiter.api.Test;

class PeerHealthTest {
  final PeerHealth peer = new PeerHealth(new PeerNode("n2", "h2", "http://127.0.0.1:1/v1/health"));

  @Test
  void becomesUnreachableOnlyAfterOneFailureAndThreeRetries() {
    for (int i = 0; i < 3; i++) {
      assertFalse(peer.record(false, 3));
      assertFalse(peer.unreachable());
    }
    assertTrue(peer.record(false, 3));
    assertTrue(peer.unreachable());
    assertFalse(peer.record(false, 3)); // no change: still unreachable
  }

  @Test
  void aSuccessInBetweenStartsTheCountAgain() {
    peer.record(false, 3);
    peer.record(false, 3);
    peer.record(false, 3);
    peer.record(true, 3);
    peer.record(false, 3);
    peer.record(false, 3);
    peer.record(false, 3);

    assertFalse(peer.unreachable());
  }

  @Test
  void isReachableAgainAfterOneSuccess() {
    for (int i = 0; i < 4; i++) {
      peer.record(false, 3);
    }

    assertTrue(peer.record(true, 3));
    assertFalse(peer.unreachable());
  }

  @Test
  void withoutRetriesOneFailureIsEnough() {
    assertTrue(peer.record(false, 0));
  }
}
