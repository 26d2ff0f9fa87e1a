package dev.vireo.server.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.server.http.Json;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Flat networks in the inventory; DNS servers and routes are stored as JSON lists. */
public final class NetworkStore {
  private static final String SELECT = "SELECT n.*, (SELECT COUNT(*) FROM ip_allocations a WHERE a.network_id = n.id)"
      + " AS allocated FROM networks n";
  private final Jdbi jdbi;

  public NetworkStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Network> list() {
    return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY created_at, id").map((rs, c) -> map(rs)).list());
  }

  public List<Network> inCluster(Handle h, String clusterId) {
    return h.createQuery(SELECT + " WHERE cluster_id = :c ORDER BY created_at, id").bind("c", clusterId)
        .map((rs, c) -> map(rs)).list();
  }

  public List<Network> inCluster(String clusterId) {
    return jdbi.withHandle(h -> inCluster(h, clusterId));
  }

  public Optional<Network> get(String id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  public Optional<Network> get(Handle h, String id) {
    return h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, c) -> map(rs)).findOne();
  }

  /** By id, else by name. */
  public Optional<Network> resolve(String idOrName) {
    return get(idOrName).or(() -> jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE name = :n")
        .bind("n", idOrName).map((rs, c) -> map(rs)).findOne()));
  }

  public boolean nameTaken(Handle h, String name) {
    return h.createQuery("SELECT COUNT(*) FROM networks WHERE name = :n").bind("n", name).mapTo(Integer.class).one() > 0;
  }

  public void insert(Handle h, Network n) {
    h.createUpdate("INSERT INTO networks (id, name, cluster_id, uplink, vlan_id, ipv4_subnet, ipv4_gateway,"
            + " ipv4_range_start, ipv4_range_end, ipv6_subnet, ipv6_gateway, ipv6_range_start, ipv6_range_end,"
            + " dns_servers, dhcp, routes, created_at) VALUES (:id, :name, :c, :up, :vlan, :s4, :g4, :a4, :b4, :s6,"
            + " :g6, :a6, :b6, :dns, :dhcp, :routes, :t)")
        .bind("id", n.id()).bind("name", n.name()).bind("c", n.clusterId()).bind("up", n.uplink())
        .bind("vlan", n.vlanId()).bind("s4", n.ipv4Subnet()).bind("g4", n.ipv4Gateway())
        .bind("a4", n.ipv4RangeStart()).bind("b4", n.ipv4RangeEnd()).bind("s6", n.ipv6Subnet())
        .bind("g6", n.ipv6Gateway()).bind("a6", n.ipv6RangeStart()).bind("b6", n.ipv6RangeEnd())
        .bind("dns", write(n.dnsServers())).bind("dhcp", n.dhcp()).bind("routes", write(n.routes()))
        .bind("t", Rows.now()).execute();
  }

  /** How many VM NICs are on the network. */
  public int nicCount(Handle h, String networkId) {
    return h.createQuery("SELECT COUNT(*) FROM vm_nics WHERE network_id = :n").bind("n", networkId)
        .mapTo(Integer.class).one();
  }

  /** Removes the network unless a VM has a NIC on it; false when it is in use or gone. */
  /** A NIC on a network of a RUNNING VM, with the VM's node. */
  public record RunningNic(String vmId, String vmName, String nodeId, String mac) {}

  /** The NICs on this network of the VMs that run (state RUNNING, placed on a node). */
  public List<RunningNic> runningNics(String networkId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT v.id, v.name, v.node_id, c.mac FROM vm_nics c"
            + " JOIN vms v ON v.id = c.vm_id WHERE c.network_id = :n AND v.state = 'RUNNING'"
            + " AND v.node_id IS NOT NULL ORDER BY v.name, c.nic_index")
        .bind("n", networkId)
        .map((rs, ctx) -> new RunningNic(rs.getString("id"), rs.getString("name"), rs.getString("node_id"),
            rs.getString("mac")))
        .list());
  }

  /** Replaces a network's custom routes. */
  public void updateRoutes(Handle h, String networkId, List<NetworkRoute> routes) {
    h.createUpdate("UPDATE networks SET routes = :r WHERE id = :n").bind("r", write(routes)).bind("n", networkId)
        .execute();
  }

  public boolean deleteIfUnused(String networkId) {
    return jdbi.inTransaction(h -> nicCount(h, networkId) == 0
        // the nodes' DHCP server addresses (ADR 0017) go with the network
        && h.createUpdate("DELETE FROM ip_allocations WHERE network_id = :n AND vm_id IS NULL").bind("n", networkId)
            .execute() >= 0
        && h.createUpdate("DELETE FROM networks WHERE id = :n").bind("n", networkId).execute() == 1);
  }

  static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bad JSON in the networks table: " + json, e);
    }
  }

  private static Network map(java.sql.ResultSet rs) throws java.sql.SQLException {
    int vlan = rs.getInt("vlan_id");
    Integer vlanId = rs.wasNull() ? null : vlan;
    return new Network(rs.getString("id"), rs.getString("name"), rs.getString("cluster_id"), rs.getString("uplink"),
        vlanId, rs.getString("ipv4_subnet"), rs.getString("ipv4_gateway"), rs.getString("ipv4_range_start"),
        rs.getString("ipv4_range_end"), rs.getString("ipv6_subnet"), rs.getString("ipv6_gateway"),
        rs.getString("ipv6_range_start"), rs.getString("ipv6_range_end"),
        read(rs.getString("dns_servers"), new TypeReference<List<String>>() {}), rs.getBoolean("dhcp"),
        read(rs.getString("routes"), new TypeReference<List<NetworkRoute>>() {}), rs.getInt("allocated"),
        Rows.instant(rs, "created_at"));
  }
}
