package dev.vireo.server.secgroup;

import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFiltersReply;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.node.NodeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells nodes what to filter (ADR 0018): compiles the filtered NICs of a VM, of one NIC or of every
 * NIC carrying some security groups into {@link NicFilter}s and sends them, one
 * {@link ApplyNicFiltersCommand} per node. Called before a VM is defined, started or migrated onto a
 * node (so the filter waits there for the tap) and by the jobs of group and NIC changes.
 */
public final class NicFilters {
  private static final Logger LOG = LoggerFactory.getLogger(NicFilters.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A NIC with security groups, where its VM is placed (null: nowhere). */
  record FilteredNic(String vmId, int index, String nodeId, String mac, String ipv4, String ipv6, List<String> groups) {}

  private final Jdbi jdbi;
  private final GroupRules rules;
  private final NodeStore nodes;
  private final AgentClient agents;

  public NicFilters(Jdbi jdbi, GroupRules rules, NodeStore nodes, AgentClient agents) {
    this.jdbi = jdbi;
    this.rules = rules;
    this.nodes = nodes;
    this.agents = agents;
  }

  /** The filters of the VM's NICs that carry groups (none: the VM is unfiltered). */
  public List<NicFilter> ofVm(String vmId) {
    return nics("s.vm_id = :k", vmId).stream().map(this::compile).toList();
  }

  /** Before the VM arrives on {@code nodeId}: its filtered NICs' filters wait there for their taps. Nothing for an unfiltered VM. */
  public void applyVm(String nodeId, String vmId) throws JobFailedException, InterruptedException {
    List<NicFilter> filters = ofVm(vmId);
    if (!filters.isEmpty()) {
      send(nodeId, new ApplyNicFiltersCommand(filters, List.of()));
    }
  }

  /** One NIC's groups changed: its node gets the new filter, or loses the filtering of {@code mac} when it has none. */
  public void applyNic(String nodeId, String vmId, int index, String mac) throws JobFailedException, InterruptedException {
    List<NicFilter> filters = nics("s.vm_id = :k", vmId).stream().filter(n -> n.index() == index).map(this::compile)
        .toList();
    send(nodeId, filters.isEmpty() ? new ApplyNicFiltersCommand(List.of(), List.of(mac))
        : new ApplyNicFiltersCommand(filters, List.of()));
  }

  /**
   * A filtered NIC got a new MAC (its VM is stopped): the node filters the new MAC and forgets the
   * old one. Nothing for an unfiltered NIC.
   */
  public void macChanged(String nodeId, String vmId, int index, String oldMac) throws JobFailedException,
      InterruptedException {
    List<NicFilter> filters = nics("s.vm_id = :k", vmId).stream().filter(n -> n.index() == index)
        .map(this::compile).toList();
    if (!filters.isEmpty()) {
      send(nodeId, new ApplyNicFiltersCommand(filters, List.of(oldMac)));
    }
  }

  /**
   * The VM left the node (deleted, migrated or re-homed away): the node forgets its NICs' filters,
   * so a MAC handed out again later never meets a stale filter there. Best effort: a node that
   * cannot be told keeps a filter waiting for a tap that does not come.
   */
  public void leftNode(String nodeId, String vmId) throws InterruptedException {
    List<String> macs = nics("s.vm_id = :k", vmId).stream().map(FilteredNic::mac).distinct().toList();
    if (nodeId == null || macs.isEmpty()) {
      return;
    }
    try {
      send(nodeId, new ApplyNicFiltersCommand(List.of(), macs));
    } catch (JobFailedException | RuntimeException e) {
      LOG.warn("VM {} left node {}, which still holds the filters of {}: {}", vmId, nodeId, macs, e.getMessage());
    }
  }

  /**
   * These security groups changed: every node hosting a NIC that carries one of them gets all its
   * such NICs' new filters in one command. Every node is tried; the step fails at the end naming each
   * node that did not take them.
   */
  public void applyGroups(Collection<String> securityGroupIds) throws JobFailedException, InterruptedException {
    Map<String, List<NicFilter>> byNode = new LinkedHashMap<>();
    for (String id : securityGroupIds) {
      for (FilteredNic nic : nicsCarrying(id)) {
        if (nic.nodeId() != null) {
          List<NicFilter> mine = byNode.computeIfAbsent(nic.nodeId(), k -> new ArrayList<>());
          if (mine.stream().noneMatch(f -> f.mac().equals(nic.mac()))) {
            mine.add(compile(nic));
          }
        }
      }
    }
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, List<NicFilter>> e : byNode.entrySet()) {
      try {
        send(e.getKey(), new ApplyNicFiltersCommand(e.getValue(), List.of()));
      } catch (JobFailedException bad) {
        failed.add(bad.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new JobFailedException("the change is recorded but " + String.join("; ", failed));
    }
  }

  NicFilter compile(FilteredNic nic) {
    List<String> addresses = new ArrayList<>();
    if (nic.ipv4() != null) {
      addresses.add(nic.ipv4());
    }
    if (nic.ipv6() != null) {
      addresses.add(nic.ipv6());
    }
    return FilterCompiler.compile(nic.mac(), addresses, rules.ordered(nic.groups()));
  }

  private List<FilteredNic> nicsCarrying(String groupId) {
    return nics("EXISTS (SELECT 1 FROM vm_nic_security_groups x WHERE x.vm_id = s.vm_id AND x.nic_index = s.nic_index"
        + " AND x.security_group_id = :k)", groupId);
  }

  /** The filtered NICs matching {@code where} (over {@code vm_nic_security_groups s}), with their groups in order. */
  private List<FilteredNic> nics(String where, String key) {
    Map<String, FilteredNic> out = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT s.vm_id, s.nic_index, v.node_id, n.mac, n.ipv4_address, n.ipv6_address,"
            + " s.security_group_id FROM vm_nic_security_groups s JOIN vm_nics n ON n.vm_id = s.vm_id AND"
            + " n.nic_index = s.nic_index JOIN vms v ON v.id = s.vm_id WHERE " + where
            + " ORDER BY s.vm_id, s.nic_index, s.place").bind("k", key)
        .map((rs, c) -> new FilteredNic(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), List.of(rs.getString(7))))
        .forEach(n -> out.merge(n.vmId() + "/" + n.index(), n, (a, b) -> new FilteredNic(a.vmId(), a.index(),
            a.nodeId(), a.mac(), a.ipv4(), a.ipv6(), concat(a.groups(), b.groups())))));
    return List.copyOf(out.values());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private void send(String nodeId, ApplyNicFiltersCommand command) throws JobFailedException, InterruptedException {
    var address = nodes.address(nodeId).orElseThrow(() -> new JobFailedException("node " + nodeId + " is unknown"));
    try {
      NicFiltersReply reply = agents.call(address, command, NicFiltersReply.class, TIMEOUT);
      LOG.info("NIC filters on node {}: applied {}, pending {}, removed {}, {} flows", nodeId, reply.applied(),
          reply.pending(), command.remove(), reply.flows());
    } catch (JobFailedException e) {
      throw new JobFailedException("node " + nodeId + " (" + address.hostname() + ") did not apply the NIC filters: "
          + e.getMessage());
    }
  }
}
