package dev.vireo.server.scheduler;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One decision's view for filters and weighers: the request, the snapshot, and each node's use
 * including the reservations in flight (a reservation for a VM the snapshot already shows on its
 * node is not counted twice). Used by one thread at a time.
 */
public final class PlacementContext {
  private final PlacementRequest request;
  private final ClusterSnapshot snapshot;
  private final Map<String, Reserved> reserved;
  private final Map<String, Integer> reservedGroupMembers;
  /** Per rule of the request (same index): the nodes with members of the VM group, reservations included. */
  private final List<Map<NodeCandidate, Integer>> vmGroupNodes;
  /** Per rule of the request (same index): the snapshot's nodes of the node group. */
  private final List<Set<NodeCandidate>> nodeGroupNodes;

  /** What reservations add to one node. */
  private static final class Reserved {
    int cpu;
    long memory;
    int gpus;
    int vms;
    final Map<String, Integer> groups = new HashMap<>();
  }

  PlacementContext(ClusterSnapshot snapshot, PlacementRequest request) {
    this.request = request;
    this.snapshot = snapshot;
    this.reserved = new HashMap<>();
    this.reservedGroupMembers = new HashMap<>();
    for (Reservation r : snapshot.reservations()) {
      NodeCandidate n = snapshot.node(r.nodeId());
      if (n == null || n.hosts(r.vmId())) {
        continue;
      }
      Reserved u = reserved.computeIfAbsent(r.nodeId(), k -> new Reserved());
      u.cpu += r.cpu();
      u.memory += r.memoryBytes();
      u.gpus += r.gpus();
      u.vms++;
      for (String g : r.groups()) {
        u.groups.merge(g, 1, Integer::sum);
        reservedGroupMembers.merge(g, 1, Integer::sum);
      }
    }
    this.vmGroupNodes = request.vmGroups().stream().map(rule -> membersByNode(rule.group())).toList();
    this.nodeGroupNodes = request.nodeGroups().stream().map(rule -> {
      Set<NodeCandidate> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
      for (String id : rule.nodeIds()) {
        NodeCandidate n = snapshot.node(id);
        if (n != null) {
          nodes.add(n);
        }
      }
      return nodes;
    }).toList();
  }

  private Map<NodeCandidate, Integer> membersByNode(String group) {
    Map<NodeCandidate, Integer> recorded = snapshot.groupNodes(group);
    if (!reservedGroupMembers.containsKey(group)) {
      return recorded;
    }
    Map<NodeCandidate, Integer> all = new IdentityHashMap<>(recorded);
    reserved.forEach((nodeId, r) -> {
      Integer c = r.groups.get(group);
      if (c != null) {
        all.merge(snapshot.node(nodeId), c, Integer::sum);
      }
    });
    return all;
  }

  /**
   * Members of the group of the request's VM group rule {@code rule} (an index into
   * {@code request().vmGroups()}) on the node, reservations included; one identity look-up.
   */
  public int vmGroupMembersOn(NodeCandidate n, int rule) {
    Integer c = vmGroupNodes.get(rule).get(n);
    return c == null ? 0 : c;
  }

  /** Whether the node is in the request's node group rule {@code rule} (an index into {@code request().nodeGroups()}). */
  public boolean inNodeGroup(NodeCandidate n, int rule) {
    return nodeGroupNodes.get(rule).contains(n);
  }

  public PlacementRequest request() {
    return request;
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  private NodeCandidate lastNode;
  private Reserved lastReserved;

  /** Filters and weighers ask about one node several times in a row: one map look-up per node. */
  private Reserved reserved(NodeCandidate n) {
    if (reserved.isEmpty()) {
      return null;
    }
    if (n != lastNode) {
      lastReserved = reserved.get(n.id());
      lastNode = n;
    }
    return lastReserved;
  }

  /** vCPUs allocated on the node: its VMs plus reservations. */
  public int allocatedCpus(NodeCandidate n) {
    Reserved r = reserved(n);
    return n.allocatedCpus() + (r == null ? 0 : r.cpu);
  }

  public long allocatedMemoryBytes(NodeCandidate n) {
    Reserved r = reserved(n);
    return n.allocatedMemoryBytes() + (r == null ? 0 : r.memory);
  }

  public int allocatedGpus(NodeCandidate n) {
    Reserved r = reserved(n);
    return n.allocatedGpus() + (r == null ? 0 : r.gpus);
  }

  public int vmCount(NodeCandidate n) {
    Reserved r = reserved(n);
    return n.vmCount() + (r == null ? 0 : r.vms);
  }

  /** Members of VM group {@code group} on the node, reservations included. */
  public int groupMembersOn(NodeCandidate n, String group) {
    Reserved r = reserved(n);
    return n.groupMembers(group) + (r == null ? 0 : r.groups.getOrDefault(group, 0));
  }

  /** Members of VM group {@code group} anywhere in the snapshot, reservations included. */
  public int groupMembers(String group) {
    return snapshot.groupMembers(group) + reservedGroupMembers.getOrDefault(group, 0);
  }
}
