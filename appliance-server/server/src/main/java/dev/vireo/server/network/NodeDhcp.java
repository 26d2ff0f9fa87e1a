package dev.vireo.server.network;

import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.EnsureDhcpCommand.DhcpHost;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.RemoveDhcpCommand;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.node.NodeStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DHCP where the VMs are (ADR 0017): for a network with {@code dhcp}, each node runs a dnsmasq
 * that answers only the NICs on that network of the VMs placed on that node (plus a VM about to
 * arrive there), with the node's own IPAM address. The full target state is sent each time
 * ({@link EnsureDhcpCommand} is idempotent: an unchanged host list is no reload).
 */
public final class NodeDhcp {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDhcp.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Jdbi jdbi;
  private final NetworkStore networks;
  private final Ipam ipam;
  private final NodeStore nodes;
  private final AgentClient agents;

  public NodeDhcp(Jdbi jdbi, NetworkStore networks, Ipam ipam, NodeStore nodes, AgentClient agents) {
    this.jdbi = jdbi;
    this.networks = networks;
    this.ipam = ipam;
    this.nodes = nodes;
    this.agents = agents;
  }

  /** The command that brings {@code nodeId}'s DHCP server of {@code n} to its target state. */
  public EnsureDhcpCommand command(String nodeId, Network n, Collection<String> arrivingVmIds,
      Collection<String> leavingVmIds) {
    String address = ipam.nodeAddress(n.id(), nodeId);
    List<String> extra = arrivingVmIds.isEmpty() ? List.of("") : List.copyOf(arrivingVmIds);
    List<String> leaving = leavingVmIds.isEmpty() ? List.of("") : List.copyOf(leavingVmIds);
    List<DhcpHost> hosts = jdbi.withHandle(h -> h.createQuery("SELECT c.mac, c.ipv4_address, v.hostname"
            + " FROM vm_nics c JOIN vms v ON v.id = c.vm_id WHERE c.network_id = :n AND c.ipv4_address IS NOT NULL"
            + " AND (v.node_id = :node OR v.id IN (<extra>)) AND v.id NOT IN (<leaving>) ORDER BY c.mac")
        .bind("n", n.id()).bind("node", nodeId).bindList("extra", extra).bindList("leaving", leaving)
        .map((rs, ctx) -> new DhcpHost(rs.getString("mac"), rs.getString("ipv4_address"), rs.getString("hostname")))
        .list());
    List<SeedRoute> routes = n.routes().stream().map(r -> new SeedRoute(r.destination(), r.nextHop())).toList();
    return new EnsureDhcpCommand(n.id(), n.uplink(), n.vlanId(), address, n.ipv4Subnet(), n.ipv4Gateway(),
        n.dnsServers(), routes, hosts);
  }

  /** Brings the node's DHCP server of a DHCP network up to date; nothing for a network without DHCP. */
  public void ensure(String nodeId, Network n, Collection<String> arrivingVmIds)
      throws JobFailedException, InterruptedException {
    ensure(nodeId, n, arrivingVmIds, List.of());
  }

  private void ensure(String nodeId, Network n, Collection<String> arrivingVmIds, Collection<String> leavingVmIds)
      throws JobFailedException, InterruptedException {
    if (!n.dhcp()) {
      return;
    }
    var address = nodes.address(nodeId).orElseThrow(() -> new JobFailedException("node " + nodeId + " is unknown"));
    EnsureDhcpCommand c = command(nodeId, n, arrivingVmIds, leavingVmIds);
    try {
      NetworkReply r = agents.call(address, c, NetworkReply.class, TIMEOUT);
      LOG.info("network {} on node {}: DHCP at {} for {} NICs{}", n.name(), nodeId, c.address(), c.hosts().size(),
          r.changed() ? " (changed)" : "");
    } catch (JobFailedException e) {
      throw new JobFailedException("node " + nodeId + " (" + address.hostname() + ") could not serve DHCP of network "
          + n.name() + ": " + e.getMessage());
    }
  }

  /**
   * A VM left a node (undefined, forgotten, migrated away): that node's DHCP servers of the VM's
   * networks stop answering its NICs. Best effort: a stale entry only answers the VM's own address,
   * and the next change of the node's VMs rewrites the list; a failure is logged.
   */
  public void vmLeft(String nodeId, String vmId) throws InterruptedException {
    update(nodeId, vmId, List.of(vmId));
  }

  /** The VM's NICs changed (a new MAC) on its node: that node's DHCP servers answer the new ones. Best effort. */
  public void vmChanged(String nodeId, String vmId) throws InterruptedException {
    update(nodeId, vmId, List.of());
  }

  private void update(String nodeId, String vmId, List<String> leaving) throws InterruptedException {
    if (nodeId == null) {
      return;
    }
    for (String id : new java.util.TreeSet<>(ipam.nicsOf(vmId).stream().map(nic -> nic.networkId()).toList())) {
      var n = networks.get(id);
      if (n.isPresent() && n.get().dhcp()) {
        try {
          ensure(nodeId, n.get(), List.of(), leaving);
        } catch (JobFailedException | RuntimeException e) {
          LOG.warn("VM {} {} node {}: its DHCP server of network {} is not updated: {}", vmId,
              leaving.isEmpty() ? "changed on" : "left", nodeId, n.get().name(), e.getMessage());
        }
      }
    }
  }

  /** The same for every CONNECTED node of the network's cluster (routes or DNS changed). */
  public void ensureEverywhere(Network n) throws JobFailedException, InterruptedException {
    for (Node node : nodes.list()) {
      if (n.clusterId().equals(node.clusterId()) && node.state() == NodeState.CONNECTED) {
        ensure(node.id(), n, List.of());
      }
    }
  }

  /** Stops the network's DHCP servers on every CONNECTED node of its cluster (network deleted). */
  public void removeEverywhere(Network n) throws JobFailedException, InterruptedException {
    if (!n.dhcp()) {
      return;
    }
    for (Node node : nodes.list()) {
      if (n.clusterId().equals(node.clusterId()) && node.state() == NodeState.CONNECTED) {
        var address = nodes.address(node.id()).orElseThrow(() -> new JobFailedException("node " + node.id()
            + " is unknown"));
        agents.call(address, new RemoveDhcpCommand(n.id()), NetworkReply.class, TIMEOUT);
      }
    }
  }
}
