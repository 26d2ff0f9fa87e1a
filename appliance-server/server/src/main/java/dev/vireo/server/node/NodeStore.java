package dev.vireo.server.node;

import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Compute nodes as their agents report them. */
public final class NodeStore {
  private static final String SELECT = "SELECT n.*, (SELECT COUNT(*) FROM vms v WHERE v.node_id = n.id"
      + " AND v.state <> 'DELETED') AS vm_count FROM nodes n";
  private final Jdbi jdbi;

  public NodeStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<Node> byAgentUrl(String agentUrl) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE n.agent_url = :u").bind("u", agentUrl)
        .map(NodeStore::map).findOne());
  }

  /**
   * Registers a node in {@code clusterId}, or refreshes it when its agent URL is known already
   * (moving it to {@code clusterId}: the caller checked it may move); returns its id.
   */
  public String upsert(String clusterId, String agentUrl, String agentToken, HostFacts f) {
    return jdbi.inTransaction(h -> {
      Optional<String> existing = h.createQuery("SELECT id FROM nodes WHERE agent_url = :u").bind("u", agentUrl)
          .mapTo(String.class).findOne();
      String id = existing.orElseGet(() -> Ids.next("node"));
      String sql = existing.isPresent()
          // a DOWN node stays DOWN until it has been cleaned up (HA): its registration is not enough
          ? "UPDATE nodes SET cluster_id = :cluster, agent_token = :tok,"
              + " state = CASE WHEN state = 'DOWN' THEN state ELSE 'CONNECTED' END, hostname = :host,"
              + " arch = :arch, cpu_model = :model, cpus = :cpus, sockets = :sockets, cores_per_socket = :cores,"
              + " threads_per_core = :threads, memory_bytes = :mem, serial = :serial, domain_type = :dt,"
              + " libvirt_version = :lv, last_heartbeat_at = :now WHERE id = :id"
          : "INSERT INTO nodes (id, cluster_id, hostname, agent_url, agent_token, state, arch, cpu_model, cpus,"
              + " sockets, cores_per_socket, threads_per_core, memory_bytes, serial, domain_type, libvirt_version,"
              + " last_heartbeat_at, created_at) VALUES (:id, :cluster, :host, :url, :tok, 'CONNECTED', :arch,"
              + " :model, :cpus, :sockets, :cores, :threads, :mem, :serial, :dt, :lv, :now, :now)";
      h.createUpdate(sql).bind("id", id).bind("cluster", clusterId).bind("url", agentUrl).bind("tok", agentToken)
          .bind("host", f.hostname()).bind("arch", f.arch()).bind("model", f.cpuModel()).bind("cpus", f.cpus())
          .bind("sockets", f.sockets()).bind("cores", f.coresPerSocket()).bind("threads", f.threadsPerCore())
          .bind("mem", f.memoryBytes()).bind("serial", f.serial()).bind("dt", f.domainType())
          .bind("lv", f.libvirtVersion()).bind("now", Rows.now()).execute();
      return id;
    });
  }

  /**
   * Records a heartbeat; false when the node is unknown (the agent must register again). A DOWN
   * node stays DOWN: it comes back through {@link #markUp} once it has been cleaned up.
   */
  public boolean heartbeat(String nodeId, HostFacts f) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET state = CASE WHEN state = 'DOWN'"
            + " THEN state ELSE 'CONNECTED' END, last_heartbeat_at = :now, cpus = :cpus, memory_bytes = :mem WHERE id = :id")
        .bind("now", Rows.now()).bind("cpus", f.cpus()).bind("mem", f.memoryBytes()).bind("id", nodeId)
        .execute() == 1);
  }

  /** Nodes whose last heartbeat is older than the cut-off become DISCONNECTED; returns their ids. */
  public List<String> markSilentDisconnected(Instant cutoff) {
    return jdbi.inTransaction(h -> {
      List<String> ids = h.createQuery("SELECT id FROM nodes WHERE state = 'CONNECTED' AND last_heartbeat_at < :c")
          .bind("c", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).mapTo(String.class).list();
      for (String id : ids) {
        h.createUpdate("UPDATE nodes SET state = 'DISCONNECTED' WHERE id = :id").bind("id", id).execute();
      }
      return ids;
    });
  }

  /** Declares a node failed (HA); false when it was DOWN already or is unknown. */
  public boolean markDown(String id, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET state = 'DOWN', down_at = :at"
            + " WHERE id = :id AND state <> 'DOWN'")
        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bind("id", id).execute() == 1);
  }

  /** A DOWN node that is back and cleaned up takes part again; false when it was not DOWN. */
  public boolean markUp(String id) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET state = 'CONNECTED', down_at = NULL"
            + " WHERE id = :id AND state = 'DOWN'").bind("id", id).execute() == 1);
  }

  /** What HA needs of every node, in one light query (no VM counts). */
  public List<NodeLiveness> liveness() {
    return jdbi.withHandle(h -> h.createQuery(LIVENESS + " ORDER BY id").map(NodeStore::mapLiveness).list());
  }

  /** {@link #liveness()} of one cluster's nodes. */
  public List<NodeLiveness> liveness(String clusterId) {
    return jdbi.withHandle(h -> h.createQuery(LIVENESS + " WHERE cluster_id = :c ORDER BY id").bind("c", clusterId)
        .map(NodeStore::mapLiveness).list());
  }

  private static final String LIVENESS = "SELECT id, cluster_id, hostname, agent_url, state, last_heartbeat_at FROM nodes";

  private static NodeLiveness mapLiveness(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new NodeLiveness(rs.getString("id"), rs.getString("cluster_id"), rs.getString("hostname"),
        rs.getString("agent_url"), NodeState.valueOf(rs.getString("state")), Rows.instant(rs, "last_heartbeat_at"));
  }

  /**
   * Locks (no new placements) or unlocks a node; false when the node is unknown or, for an unlock,
   * entering or in maintenance (it must leave maintenance first).
   */
  public boolean setLocked(String id, boolean locked) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET locked = :l WHERE id = :id"
            + (locked ? "" : " AND maintenance IS NULL"))
        .bind("l", locked).bind("id", id).execute() == 1);
  }

  /**
   * In the caller's transaction: a LOCKED node (locked, not in maintenance) becomes
   * ENTERING_MAINTENANCE; false when it is not LOCKED (the caller says why).
   */
  public boolean beginMaintenance(Handle h, String id) {
    return h.createUpdate("UPDATE nodes SET maintenance = 'ENTERING_MAINTENANCE' WHERE id = :id AND locked"
        + " AND maintenance IS NULL").bind("id", id).execute() == 1;
  }

  /** ENTERING_MAINTENANCE becomes MAINTENANCE; false when the node is not entering maintenance. */
  public boolean completeMaintenance(String id) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET maintenance = 'MAINTENANCE' WHERE id = :id"
        + " AND maintenance IS NOT NULL").bind("id", id).execute() == 1);
  }

  /**
   * Back to LOCKED from {@code from} (MAINTENANCE when leaving it, ENTERING_MAINTENANCE when entering
   * failed); the node stays locked. False when the node was not in that status.
   */
  public boolean endMaintenance(String id, NodeSchedulingStatus from) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET maintenance = NULL, locked = TRUE WHERE id = :id"
        + " AND maintenance = :from").bind("id", id).bind("from", from.name()).execute() == 1);
  }

  public List<Node> list() {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY n.created_at, n.id").map(NodeStore::map).list());
  }

  public Optional<Node> get(String id) {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE n.id = :id").bind("id", id).map(NodeStore::map).findOne());
  }

  public Optional<AgentAddress> address(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, hostname, agent_url, agent_token FROM nodes WHERE id = :id")
        .bind("id", id).map((rs, c) -> new AgentAddress(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .findOne());
  }

  private static Node map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new Node(rs.getString("id"), rs.getString("cluster_id"), rs.getString("hostname"), rs.getString("agent_url"),
        NodeState.valueOf(rs.getString("state")), rs.getString("arch"), rs.getString("cpu_model"), rs.getInt("cpus"),
        rs.getInt("sockets"), rs.getInt("cores_per_socket"), rs.getInt("threads_per_core"), rs.getLong("memory_bytes"),
        rs.getString("serial"), rs.getString("domain_type"), rs.getString("libvirt_version"), rs.getInt("vm_count"),
        Rows.instant(rs, "last_heartbeat_at"), Rows.instant(rs, "created_at"), rs.getBoolean("locked"),
        schedulingStatus(rs.getBoolean("locked"), rs.getString("maintenance")));
  }

  private static NodeSchedulingStatus schedulingStatus(boolean locked, String maintenance) {
    if (maintenance != null) {
      return NodeSchedulingStatus.valueOf(maintenance);
    }
    return locked ? NodeSchedulingStatus.LOCKED : NodeSchedulingStatus.UNLOCKED;
  }
}
