package dev.vireo.server.group;

import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.server.inventory.Rows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Isolation groups (white paper 4.2.9), each in a region (ADR 0047), the chosen nodes of node
 * groups and the VMs that joined groups. A group lists only its live (not DELETED) VMs; a deleted VM's membership stays in the
 * table until its group is deleted and no longer counts anywhere.
 */
public final class GroupStore {
  private static final String LIVE_VMS = "SELECT m.group_id, m.vm_id FROM isolation_group_vms m"
      + " JOIN vms v ON v.id = m.vm_id WHERE v.state <> 'DELETED'";
  private final Jdbi jdbi;

  public GroupStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<IsolationGroup> list() {
    return list(dev.vireo.server.http.RegionClause.ALL);
  }

  /** The groups of the caller's regions (ADR 0047), filtered in the query. */
  public List<IsolationGroup> list(dev.vireo.server.http.RegionClause scope) {
    String in = scope.sql("region_id", null);
    return jdbi.withHandle(h -> {
      Map<String, List<String>> nodes = members(h, "SELECT group_id, node_id FROM isolation_group_nodes ORDER BY node_id");
      Map<String, List<String>> vms = members(h, LIVE_VMS + " ORDER BY m.vm_id");
      return scope.bindTo(h.createQuery("SELECT * FROM isolation_groups" + (in == null ? "" : " WHERE " + in)
          + " ORDER BY created_at, id")).map((rs, c) -> map(rs, nodes, vms)).list();
    });
  }

  /** Those of {@code nodeIds} whose cluster lies outside {@code regionId}. */
  public List<String> nodesOutside(Handle h, String regionId, Collection<String> nodeIds) {
    if (nodeIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("SELECT n.id FROM nodes n JOIN clusters c ON c.id = n.cluster_id WHERE n.id IN (<ids>)"
            + " AND c.region_id <> :r ORDER BY n.id").bindList("ids", List.copyOf(nodeIds)).bind("r", regionId)
        .mapTo(String.class).list();
  }

  public Optional<IsolationGroup> get(String id) {
    return list().stream().filter(g -> g.id().equals(id)).findFirst();
  }

  public boolean nameTaken(Handle h, String name) {
    return h.createQuery("SELECT COUNT(*) FROM isolation_groups WHERE name = :n").bind("n", name)
        .mapTo(Integer.class).one() > 0;
  }

  /** The groups with these ids, in the given order; unknown ids are left out. */
  public List<IsolationGroup> byIds(Collection<String> ids) {
    Map<String, IsolationGroup> all = new HashMap<>();
    list().forEach(g -> all.put(g.id(), g));
    List<IsolationGroup> out = new ArrayList<>();
    for (String id : ids) {
      if (all.containsKey(id)) {
        out.add(all.get(id));
      }
    }
    return out;
  }

  /** The groups the VM joined. */
  public List<IsolationGroup> ofVm(String vmId) {
    List<String> ids = jdbi.withHandle(h -> h.createQuery(
            "SELECT group_id FROM isolation_group_vms WHERE vm_id = :v ORDER BY group_id")
        .bind("v", vmId).mapTo(String.class).list());
    return byIds(ids);
  }

  /** Live VM id → names of the VM groups it belongs to (node groups do not concern other VMs). */
  public Map<String, Set<String>> vmGroupNames() {
    return jdbi.withHandle(h -> {
      Map<String, Set<String>> out = new HashMap<>();
      h.createQuery("SELECT m.vm_id, g.name FROM isolation_group_vms m JOIN isolation_groups g ON g.id = m.group_id"
              + " JOIN vms v ON v.id = m.vm_id WHERE g.kind = 'VM' AND v.state <> 'DELETED'")
          .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
      return out;
    });
  }

  public void insert(Handle h, IsolationGroup g) {
    h.createUpdate("INSERT INTO isolation_groups (id, name, kind, relation, strictness, created_at, region_id)"
            + " VALUES (:id, :n, :k, :r, :s, :t, :region)")
        .bind("id", g.id()).bind("n", g.name()).bind("k", g.kind().name()).bind("r", g.relation().name())
        .bind("s", g.strictness().name()).bind("t", Rows.now()).bind("region", g.regionId()).execute();
    insertNodes(h, g.id(), g.nodeIds());
  }

  /** Replaces the node group's nodes. */
  public void setNodes(String groupId, Collection<String> nodeIds) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM isolation_group_nodes WHERE group_id = :g").bind("g", groupId).execute();
      insertNodes(h, groupId, nodeIds);
    });
  }

  /** Records the VM in the group; false when the group no longer exists (deleted since it was validated). */
  public boolean addVm(Handle h, String groupId, String vmId) {
    return h.createUpdate("INSERT INTO isolation_group_vms (group_id, vm_id) SELECT id, :v FROM isolation_groups"
            + " WHERE id = :g").bind("g", groupId).bind("v", vmId).execute() == 1;
  }

  /** How many live VMs are in the group. */
  public int liveVmCount(Handle h, String groupId) {
    return h.createQuery("SELECT COUNT(*) FROM isolation_group_vms m JOIN vms v ON v.id = m.vm_id"
            + " WHERE m.group_id = :g AND v.state <> 'DELETED'").bind("g", groupId).mapTo(Integer.class).one();
  }

  /** Removes the group, its node list and the memberships of deleted VMs; false when it was gone already. */
  public boolean delete(String groupId) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM isolation_group_nodes WHERE group_id = :g").bind("g", groupId).execute();
      h.createUpdate("DELETE FROM isolation_group_vms WHERE group_id = :g").bind("g", groupId).execute();
      return h.createUpdate("DELETE FROM isolation_groups WHERE id = :g").bind("g", groupId).execute() == 1;
    });
  }

  private static void insertNodes(Handle h, String groupId, Collection<String> nodeIds) {
    for (String node : new java.util.TreeSet<>(nodeIds)) {
      h.createUpdate("INSERT INTO isolation_group_nodes (group_id, node_id) VALUES (:g, :n)")
          .bind("g", groupId).bind("n", node).execute();
    }
  }

  private static Map<String, List<String>> members(Handle h, String sql) {
    Map<String, List<String>> out = new HashMap<>();
    h.createQuery(sql).map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  private static IsolationGroup map(java.sql.ResultSet rs, Map<String, List<String>> nodes,
      Map<String, List<String>> vms) throws java.sql.SQLException {
    String id = rs.getString("id");
    return new IsolationGroup(id, rs.getString("name"), GroupKind.valueOf(rs.getString("kind")),
        GroupRelation.valueOf(rs.getString("relation")), GroupStrictness.valueOf(rs.getString("strictness")),
        List.copyOf(nodes.getOrDefault(id, List.of())), List.copyOf(vms.getOrDefault(id, List.of())),
        Rows.instant(rs, "created_at"), rs.getString("region_id"));
  }
}
