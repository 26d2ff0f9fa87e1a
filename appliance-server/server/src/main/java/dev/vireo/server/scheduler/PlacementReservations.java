package dev.vireo.server.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Placements in flight, so concurrent creates cannot overcommit a node. {@link #place} decides and
 * reserves the VM's CPU, memory, GPUs and group memberships on the chosen node in one atomic step;
 * the caller records the VM on the node, then calls {@link #release} (also when it fails).
 *
 * <p>A snapshot is read from the inventory outside the lock. It can miss a VM recorded while it was
 * read whose reservation was released before the decision; so each release bumps a counter, and a
 * decision on a snapshot read before a release is retried on a fresh one (after a few retries the
 * snapshot is read inside the lock, so a placement always ends). Thread-safe.
 */
public final class PlacementReservations {
  private static final int OPTIMISTIC_ATTEMPTS = 3;

  private final Scheduler scheduler;
  private final Map<String, Reservation> byVm = new LinkedHashMap<>();
  private long releases;

  public PlacementReservations(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Decides where the VM {@code request.vmId()} goes on a snapshot from {@code snapshots} plus the
   * reservations in flight, and when placed, reserves its capacity on the chosen node.
   */
  public PlacementDecision place(PlacementRequest request, Supplier<ClusterSnapshot> snapshots) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long seen;
      synchronized (this) {
        seen = releases;
      }
      ClusterSnapshot snapshot = snapshots.get();
      synchronized (this) {
        if (releases == seen) {
          return decideAndReserve(request, snapshot);
        }
      }
    }
    synchronized (this) {
      return decideAndReserve(request, snapshots.get());
    }
  }

  private PlacementDecision decideAndReserve(PlacementRequest request, ClusterSnapshot snapshot) {
    List<Reservation> others = new ArrayList<>(byVm.values());
    others.removeIf(r -> r.vmId().equals(request.vmId()));
    PlacementDecision decision = scheduler.decide(snapshot.withReservations(others), request);
    decision.nodeId().ifPresent(node -> byVm.put(request.vmId(), Reservation.of(request.vmId(), node, request)));
    return decision;
  }

  /** What {@link #place} would decide now, without reserving anything (a dry run). */
  public PlacementDecision dryRun(PlacementRequest request, ClusterSnapshot snapshot) {
    List<Reservation> others;
    synchronized (this) {
      others = new ArrayList<>(byVm.values());
    }
    return scheduler.decide(snapshot.withReservations(others), request);
  }

  /** Drops the VM's reservation: it is recorded on its node now, or its placement failed. */
  public synchronized void release(String vmId) {
    if (byVm.remove(vmId) != null) {
      releases++;
    }
  }

  /** The reservations in flight. */
  public synchronized List<Reservation> inFlight() {
    return List.copyOf(byVm.values());
  }
}
