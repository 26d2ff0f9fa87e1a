package dev.vireo.server.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler decides on: the nodes (with their VMs) and the reservations of placements in
 * flight. Immutable; per-group member totals are computed once when it is built.
 */
public final class ClusterSnapshot {
  private final List<NodeCandidate> nodes;
  private final List<Reservation> reservations;
  private final Map<String, Integer> groupMembers;
  private final Map<String, NodeCandidate> byId;
  private final Map<String, Map<NodeCandidate, Integer>> groupNodes;

  private ClusterSnapshot(List<NodeCandidate> nodes, List<Reservation> reservations, Map<String, Integer> groupMembers,
      Map<String, NodeCandidate> byId, Map<String, Map<NodeCandidate, Integer>> groupNodes) {
    this.nodes = nodes;
    this.reservations = reservations;
    this.groupMembers = groupMembers;
    this.byId = byId;
    this.groupNodes = groupNodes;
  }

  public static ClusterSnapshot of(List<NodeCandidate> nodes) {
    List<NodeCandidate> copy = List.copyOf(nodes);
    Map<String, Integer> groups = new HashMap<>();
    Map<String, NodeCandidate> byId = new HashMap<>();
    Map<String, Map<NodeCandidate, Integer>> groupNodes = new HashMap<>();
    for (NodeCandidate n : copy) {
      n.groupMemberCounts().forEach((g, c) -> {
        groups.merge(g, c, Integer::sum);
        groupNodes.computeIfAbsent(g, k -> new IdentityHashMap<>()).put(n, c);
      });
      if (byId.put(n.id(), n) != null) {
        throw new IllegalArgumentException("node " + n.id() + " is in the snapshot twice");
      }
    }
    groupNodes.replaceAll((g, m) -> Collections.unmodifiableMap(m));
    return new ClusterSnapshot(copy, List.of(), Map.copyOf(groups), byId, groupNodes);
  }

  /** The same nodes with these reservations in flight (replacing any this snapshot had). */
  public ClusterSnapshot withReservations(List<Reservation> inFlight) {
    return new ClusterSnapshot(nodes, List.copyOf(inFlight), groupMembers, byId, groupNodes);
  }

  /** A copy with {@code vm} recorded on node {@code nodeId} (for simulations and tests; O(nodes)). */
  public ClusterSnapshot withVm(String nodeId, PlacedVm vm) {
    List<NodeCandidate> changed = new ArrayList<>(nodes.size());
    for (NodeCandidate n : nodes) {
      changed.add(n.id().equals(nodeId) ? n.toBuilder().vm(vm).build() : n);
    }
    return of(changed).withReservations(reservations);
  }

  public List<NodeCandidate> nodes() {
    return nodes;
  }

  /** The node with this id, or null. */
  public NodeCandidate node(String id) {
    return byId.get(id);
  }

  /** The nodes hosting members of VM group {@code group}, with how many (by node identity; read-only). */
  Map<NodeCandidate, Integer> groupNodes(String group) {
    return groupNodes.getOrDefault(group, Map.of());
  }

  public List<Reservation> reservations() {
    return reservations;
  }

  /** VMs of group {@code group} on all nodes of the snapshot (reservations not counted). */
  public int groupMembers(String group) {
    return groupMembers.getOrDefault(group, 0);
  }
}
