package dev.vireo.agent.server;

import dev.vireo.agent.protocol.HeartbeatReply;
import java.time.Instant;
import java.util.List;

/**
 * The HA side of heartbeats (implemented in the {@code ha} package): what every heartbeat carries
 * and who hears that the server accepted one.
 */
public interface HeartbeatHa {
  /** Without HA: nothing to report, nothing to hear. */
  HeartbeatHa NONE = new HeartbeatHa() {
    @Override
    public List<String> unreachablePeers() {
      return List.of();
    }

    @Override
    public Instant fencedAt() {
      return null;
    }

    @Override
    public void accepted(Accepted heartbeat) {}
  };

  /** Ids of the peers found unreachable now. */
  List<String> unreachablePeers();

  /** When this node fenced itself, or null. */
  Instant fencedAt();

  /** Called after the server accepted a heartbeat (2xx). */
  void accepted(Accepted heartbeat);

  /**
   * A heartbeat the server accepted: sent at {@code sentNanos} ({@link System#nanoTime()}, so the
   * server saw it no earlier), carrying {@code fencedAt}; {@code reply} is null when the server
   * answered without a body (no change).
   */
  record Accepted(String nodeId, long sentNanos, Instant fencedAt, HeartbeatReply reply) {}
}
