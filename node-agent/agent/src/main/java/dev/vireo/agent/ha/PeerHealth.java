package dev.vireo.agent.ha;

import dev.vireo.agent.protocol.PeerNode;

/**
 * One peer's probe record (white paper 3.2.5): unreachable after one failed probe and
 * {@code retries} more in a row, reachable again after one success. A new peer counts as reachable.
 */
final class PeerHealth {
  private PeerNode node;
  private int failuresInRow;
  private boolean unreachable;

  PeerHealth(PeerNode node) {
    this.node = node;
  }

  PeerNode node() {
    return node;
  }

  /** The server may move a peer's probe URL; its record stays. */
  void update(PeerNode newer) {
    node = newer;
  }

  boolean unreachable() {
    return unreachable;
  }

  /** Records one probe; true when the peer's reachability changed. */
  boolean record(boolean answered, int retries) {
    if (answered) {
      failuresInRow = 0;
      boolean changed = unreachable;
      unreachable = false;
      return changed;
    }
    failuresInRow++;
    if (!unreachable && failuresInRow >= 1 + Math.max(0, retries)) {
      unreachable = true;
      return true;
    }
    return false;
  }
}
