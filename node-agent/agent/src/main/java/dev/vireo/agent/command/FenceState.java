package dev.vireo.agent.command;

import java.time.Instant;

/**
 * Whether this node has fenced itself (HA, see {@code dev.vireo.agent.ha.Fencer}): a fenced node
 * defines, starts and receives no VM until the server has seen that it fenced.
 */
public interface FenceState {
  /** A node without HA never fences. */
  FenceState NEVER = () -> null;

  /** When the node fenced itself, or null when it is not fenced. */
  Instant fencedAt();
}
