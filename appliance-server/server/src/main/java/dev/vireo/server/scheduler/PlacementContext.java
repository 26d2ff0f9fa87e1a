package dev.vireo.server.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * One decision's view for filters and weighers: the request, the snapshot, and each node's use
 * including the reservations in flight (a reservation for a VM the snapshot already shows on its
 * node is not counted twice), and what the request's isolation-group rules say about each node.
 *
 * <p>Everything per node is kept in arrays by node index (the node's position in the snapshot), so
 * the {@code ...At(index)} methods the standard filters and weighers use in their loops are array
 * reads; the {@code NodeCandidate} methods find the index first when reservations or rules apply.
 */
public final class PlacementContext {
  private final PlacementRequest request;
  private final ClusterSnapshot snapshot;
  private final NodeCandidate[] nodes;
  /** Per node index: what reservations add to it; null when no reservation counts. */
  private final Reserved[] reservedAt;
  private final Map<String, Integer> reservedGroupMembers = new HashMap<>();
  /** Per node index: what the request's rules say about it (null entries: nothing); null when no rule touches a node. */
  private final RuleHits[] hitsAt;
  private final int[] vmGroupTotals;

  /** What reservations add to one node. */
  private static final class Reserved {
    int cpu;
    long memory;
    int gpus;
    int vms;
    final Map<String, Integer> groups = new HashMap<>();
  }

  /** What the request's rules say about one node, per rule (by the rule's index in the request). */
  private static final class RuleHits {
    final int[] vmGroupMembers;
    final boolean[] inNodeGroup;

    RuleHits(int vmRules, int nodeRules) {
      vmGroupMembers = new int[vmRules];
      inNodeGroup = new boolean[nodeRules];
    }
  }

  PlacementContext(ClusterSnapshot snapshot, PlacementRequest request) {
    this.request = request;
    this.snapshot = snapshot;
    this.nodes = snapshot.nodeArray();
    Reserved[] reserved = null;
    for (Reservation r : snapshot.reservations()) {
      int i = snapshot.indexOf(r.nodeId());
      if (i < 0 || nodes[i].hosts(r.vmId())) {
        continue;
      }
      if (reserved == null) {
        reserved = new Reserved[nodes.length];
      }
      Reserved u = reserved[i] == null ? (reserved[i] = new Reserved()) : reserved[i];
      u.cpu += r.cpu();
      u.memory += r.memoryBytes();
      u.gpus += r.gpus();
      u.vms++;
      for (String g : r.groups()) {
        u.groups.merge(g, 1, Integer::sum);
        reservedGroupMembers.merge(g, 1, Integer::sum);
      }
    }
    this.reservedAt = reserved;

    int vmRules = request.vmGroups().size();
    int nodeRules = request.nodeGroups().size();
    RuleHits[] hits = null;
    vmGroupTotals = new int[vmRules];
    for (int rule = 0; rule < vmRules; rule++) {
      String group = request.vmGroups().get(rule).group();
      vmGroupTotals[rule] = groupMembers(group);
      for (Map.Entry<Integer, Integer> e : snapshot.groupNodes(group).entrySet()) {
        hits = hit(hits, e.getKey(), vmRules, nodeRules);
        hits[e.getKey()].vmGroupMembers[rule] += e.getValue();
      }
      if (reserved != null && reservedGroupMembers.containsKey(group)) {
        for (int i = 0; i < reserved.length; i++) {
          Integer c = reserved[i] == null ? null : reserved[i].groups.get(group);
          if (c != null) {
            hits = hit(hits, i, vmRules, nodeRules);
            hits[i].vmGroupMembers[rule] += c;
          }
        }
      }
    }
    for (int rule = 0; rule < nodeRules; rule++) {
      for (String id : request.nodeGroups().get(rule).nodeIds()) {
        int i = snapshot.indexOf(id);
        if (i >= 0) {
          hits = hit(hits, i, vmRules, nodeRules);
          hits[i].inNodeGroup[rule] = true;
        }
      }
    }
    this.hitsAt = hits;
  }

  private RuleHits[] hit(RuleHits[] hits, int i, int vmRules, int nodeRules) {
    RuleHits[] h = hits == null ? new RuleHits[nodes.length] : hits;
    if (h[i] == null) {
      h[i] = new RuleHits(vmRules, nodeRules);
    }
    return h;
  }

  public PlacementRequest request() {
    return request;
  }

  public ClusterSnapshot snapshot() {
    return snapshot;
  }

  private int index(NodeCandidate n) {
    return snapshot.indexOf(n.id());
  }

  private Reserved reservedAt(int i) {
    return reservedAt == null || i < 0 ? null : reservedAt[i];
  }

  private Reserved reserved(NodeCandidate n) {
    return reservedAt == null ? null : reservedAt(index(n));
  }

  /** vCPUs allocated on the node at {@code i}: its VMs plus reservations. */
  public int allocatedCpusAt(int i) {
    Reserved r = reservedAt(i);
    return nodes[i].allocatedCpus() + (r == null ? 0 : r.cpu);
  }

  public long allocatedMemoryBytesAt(int i) {
    Reserved r = reservedAt(i);
    return nodes[i].allocatedMemoryBytes() + (r == null ? 0 : r.memory);
  }

  public int vmCountAt(int i) {
    Reserved r = reservedAt(i);
    return nodes[i].vmCount() + (r == null ? 0 : r.vms);
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

  /**
   * Members of the group of the request's VM group rule {@code rule} (an index into
   * {@code request().vmGroups()}) on the node at {@code i}, reservations included.
   */
  public int vmGroupMembersAt(int i, int rule) {
    RuleHits h = hitsAt == null || i < 0 ? null : hitsAt[i];
    return h == null ? 0 : h.vmGroupMembers[rule];
  }

  /** Members of the group of VM group rule {@code rule} anywhere, reservations included. */
  public int vmGroupMembers(int rule) {
    return vmGroupTotals[rule];
  }

  /** Whether the node at {@code i} is in the request's node group rule {@code rule} (an index into {@code request().nodeGroups()}). */
  public boolean inNodeGroupAt(int i, int rule) {
    RuleHits h = hitsAt == null || i < 0 ? null : hitsAt[i];
    return h != null && h.inNodeGroup[rule];
  }

  /** The node's index in the snapshot, for the {@code ...At} methods (-1 when it is not in it). */
  public int indexOf(NodeCandidate n) {
    return hitsAt == null && reservedAt == null ? -1 : index(n);
  }
}
