package dev.vireo.server.node;

import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Rows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
          ? "UPDATE nodes SET cluster_id = :cluster, agent_token = :tok, state = 'CONNECTED', hostname = :host,"
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

  /** Records a heartbeat; false when the node is unknown (the agent must register again). */
  public boolean heartbeat(String nodeId, HostFacts f) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET state = 'CONNECTED', last_heartbeat_at = :now,"
            + " cpus = :cpus, memory_bytes = :mem WHERE id = :id")
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

  /** Locks (no new placements) or unlocks a node; false when the node is unknown. */
  public boolean setLocked(String id, boolean locked) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE nodes SET locked = :l WHERE id = :id")
        .bind("l", locked).bind("id", id).execute() == 1);
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
        Rows.instant(rs, "last_heartbeat_at"), Rows.instant(rs, "created_at"), rs.getBoolean("locked"));
  }
}
