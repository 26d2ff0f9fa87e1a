package dev.vireo.server.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler decides on: the nodes (with their VMs) and the reservations of placements in
 * flight. Immutable; the per-group member counts (in total and per node) and the node index by id
 * are computed once when it is built.
 */
public final class ClusterSnapshot {
  private final List<NodeCandidate> nodes;
  private final NodeCandidate[] array;
  private final List<Reservation> reservations;
  private final Map<String, Integer> groupMembers;
  private final Map<String, Integer> indexById;
  /** Group → (node index → members there). */
  private final Map<String, Map<Integer, Integer>> groupNodes;

  private ClusterSnapshot(List<NodeCandidate> nodes, List<Reservation> reservations, Map<String, Integer> groupMembers,
      Map<String, Integer> indexById, Map<String, Map<Integer, Integer>> groupNodes) {
    this.nodes = nodes;
    this.array = nodes.toArray(new NodeCandidate[0]);
    this.reservations = reservations;
    this.groupMembers = groupMembers;
    this.indexById = indexById;
    this.groupNodes = groupNodes;
  }

  public static ClusterSnapshot of(List<NodeCandidate> nodes) {
    List<NodeCandidate> copy = List.copyOf(nodes);
    Map<String, Integer> groups = new HashMap<>();
    Map<String, Integer> indexById = new HashMap<>();
    Map<String, Map<Integer, Integer>> groupNodes = new HashMap<>();
    for (int i = 0; i < copy.size(); i++) {
      NodeCandidate n = copy.get(i);
      int index = i;
      n.groupMemberCounts().forEach((g, c) -> {
        groups.merge(g, c, Integer::sum);
        groupNodes.computeIfAbsent(g, k -> new HashMap<>()).put(index, c);
      });
      if (indexById.put(n.id(), i) != null) {
        throw new IllegalArgumentException("node " + n.id() + " is in the snapshot twice");
      }
    }
    return new ClusterSnapshot(copy, List.of(), Map.copyOf(groups), indexById, groupNodes);
  }

  /** The same nodes with these reservations in flight (replacing any this snapshot had). */
  public ClusterSnapshot withReservations(List<Reservation> inFlight) {
    return new ClusterSnapshot(nodes, List.copyOf(inFlight), groupMembers, indexById, groupNodes);
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

  /** The nodes as an array (shared, never modified): the scheduler's loops index it. */
  NodeCandidate[] nodeArray() {
    return array;
  }

  /** The node with this id, or null. */
  public NodeCandidate node(String id) {
    Integer i = indexById.get(id);
    return i == null ? null : array[i];
  }

  /** The node's position in {@link #nodes()}, or -1. */
  int indexOf(String nodeId) {
    Integer i = indexById.get(nodeId);
    return i == null ? -1 : i;
  }

  /** Node index → members of VM group {@code group} there (read-only). */
  Map<Integer, Integer> groupNodes(String group) {
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
