package dev.vireo.agent.ha;

import java.time.Duration;

/**
 * What a node knows of its contact with the server and its cluster at one moment, and the
 * self-fencing rule over it (see {@link #mustFence()}).
 *
 * @param peers the other nodes of the cluster (from the server's latest heartbeat reply)
 * @param reachablePeers how many of them answer their probes
 * @param sinceAcceptedHeartbeat time since the last heartbeat the server accepted was sent
 */
public record NodeContact(boolean haEnabled, int peers, int reachablePeers, Duration sinceAcceptedHeartbeat,
    int fenceAfterSeconds) {

  /**
   * HA is on, the node has peers, the server has accepted no heartbeat for more than
   * {@code fenceAfterSeconds}, and the node reaches at most half of its cluster counting itself:
   * the other side may hold the majority and will have the VMs restarted there.
   */
  public boolean mustFence() {
    return haEnabled
        && peers > 0
        && sinceAcceptedHeartbeat.compareTo(Duration.ofSeconds(fenceAfterSeconds)) > 0
        && reachablePeers + 1 <= (peers + 1) / 2.0;
  }
}
