package dev.vireo.server.ha;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every node last said about its peers (which it cannot reach) and whether it fenced
 * itself. Kept in memory: after a server restart the next heartbeats bring it back.
 */
public final class PeerReports {
  private final Map<String, Set<String>> unreachableBy = new ConcurrentHashMap<>();
  private final Map<String, Instant> fencedAt = new ConcurrentHashMap<>();

  /** The reporter's current view: the peers it cannot reach (null or empty: none). */
  public void record(String reporter, Collection<String> unreachable) {
    unreachableBy.put(reporter, unreachable == null ? Set.of() : Set.copyOf(unreachable));
  }

  /** True when {@code reporter} last said it cannot reach {@code suspect}. */
  public boolean reports(String reporter, String suspect) {
    return unreachableBy.getOrDefault(reporter, Set.of()).contains(suspect);
  }

  public void fenced(String nodeId, Instant at) {
    if (at != null) {
      fencedAt.put(nodeId, at);
    }
  }

  /** When the node last said it fenced itself, if it did since it was last cleaned up. */
  public Optional<Instant> fencedAt(String nodeId) {
    return Optional.ofNullable(fencedAt.get(nodeId));
  }

  /** A node back in service starts with a clean slate. */
  public void clearFencing(String nodeId) {
    fencedAt.remove(nodeId);
  }
}
