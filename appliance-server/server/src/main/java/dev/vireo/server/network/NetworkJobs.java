package dev.vireo.server.network;

import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import dev.vireo.server.node.NodeStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs that put networks on nodes. A new network is recorded by its request and then ensured on
 * every CONNECTED node of its cluster; if one node fails the job fails naming it and the record is
 * removed again. A node that registers gets every network of its cluster (NETWORK_SYNC); both
 * commands are idempotent on the agent, so repeating them is harmless.
 */
public final class NetworkJobs {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkJobs.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A network just recorded. */
  public record CreateContext(String networkId) {}

  /** A node that registered: it gets its cluster's networks. */
  public record SyncContext(String nodeId) {}

  /** New routes of a network, and the ones it had (the guests' routes to remove). */
  public record RoutesContext(String networkId, List<NetworkRoute> previous, List<NetworkRoute> routes) {}

  /** A network to remove. */
  public record DeleteContext(String networkId) {}

  private final NetworkStore networks;
  private final NodeStore nodes;
  private final AgentClient agents;
  private final EventBus events;
  private final NodeDhcp dhcp;

  public NetworkJobs(NetworkStore networks, NodeStore nodes, AgentClient agents, EventBus events, NodeDhcp dhcp) {
    this.dhcp = dhcp;
    this.networks = networks;
    this.nodes = nodes;
    this.agents = agents;
    this.events = events;
  }

  public List<JobType<?>> all() {
    return List.of(create(), sync(), delete(), updateRoutes());
  }

  public JobType<CreateContext> create() {
    Step<CreateContext> ensure = Step.of("Ensure the network on the cluster's nodes", c -> {
      Network n = networks.get(c.networkId())
          .orElseThrow(() -> new JobFailedException("network " + c.networkId() + " no longer exists"));
      for (Node node : nodes.list()) {
        if (n.clusterId().equals(node.clusterId()) && node.state() == NodeState.CONNECTED) {
          ensure(node.id(), n);
          dhcp.ensure(node.id(), n, List.of());
        }
      }
    });
    return new JobType<>() {
      @Override
      public String name() {
        return "CREATE_NETWORK";
      }

      @Override
      public Class<CreateContext> contextType() {
        return CreateContext.class;
      }

      @Override
      public List<Step<CreateContext>> steps() {
        return List.of(ensure);
      }

      @Override
      public void onSuccess(CreateContext c) {
        events.publish("network", c.networkId(), "CREATED");
      }

      @Override
      public void onFailure(CreateContext c, String reason) {
        // nothing half-made: the record goes (nodes that did get it keep an idle bridge port, harmless)
        networks.deleteIfUnused(c.networkId());
        events.publish("network", c.networkId(), "DELETED");
      }
    };
  }

  public JobType<SyncContext> sync() {
    return JobType.single("NETWORK_SYNC", SyncContext.class, Step.of("Ensure the cluster's networks on the node", c -> {
      Node node = nodes.get(c.nodeId())
          .orElseThrow(() -> new JobFailedException("node " + c.nodeId() + " is unknown"));
      for (Network n : networks.inCluster(node.clusterId())) {
        ensure(node.id(), n);
        dhcp.ensure(node.id(), n, List.of());
      }
    }));
  }

  public JobType<DeleteContext> delete() {
    return JobType.single("DELETE_NETWORK", DeleteContext.class, Step.of("Remove network", c -> {
      var n = networks.get(c.networkId());
      if (n.isEmpty()) {
        return;
      }
      // checked again here: a VM may have got a NIC on it between the request and this step
      if (!networks.deleteIfUnused(c.networkId())) {
        throw new JobFailedException("network " + c.networkId() + " has VM NICs now; delete those VMs first");
      }
      // its DHCP servers stop (the nodes' addresses went with the record); best effort: a node that
      // cannot be told keeps a dnsmasq that answers no VM any more (ADR 0017)
      try {
        dhcp.removeEverywhere(n.get());
      } catch (JobFailedException e) {
        LOG.warn("network {} deleted, but a node still runs its DHCP server: {}", n.get().name(), e.getMessage());
      }
      events.publish("network", c.networkId(), "DELETED");
    }));
  }

  /**
   * UPDATE_NETWORK_ROUTES (N3, ADR 0017): the routes are recorded already; the nodes' DHCP servers
   * get the new option 121, then every RUNNING VM with a NIC on the network gets them through its
   * guest agent. A VM that cannot be updated does not stop the others: the step fails at the end
   * naming each such VM, nothing is undone (its next define or DHCP renewal brings the routes).
   */
  public JobType<RoutesContext> updateRoutes() {
    Step<RoutesContext> dhcpStep = Step.of("Update the nodes' DHCP servers", c -> {
      Network n = networks.get(c.networkId())
          .orElseThrow(() -> new JobFailedException("network " + c.networkId() + " no longer exists"));
      dhcp.ensureEverywhere(n);
    });
    Step<RoutesContext> guests = Step.of("Push the routes into the running guests", c -> {
      List<dev.vireo.agent.protocol.GuestSeed.SeedRoute> previous = seedRoutes(c.previous());
      List<dev.vireo.agent.protocol.GuestSeed.SeedRoute> routes = seedRoutes(c.routes());
      List<String> failed = new java.util.ArrayList<>();
      for (NetworkStore.RunningNic nic : networks.runningNics(c.networkId())) {
        try {
          var address = nodes.address(nic.nodeId())
              .orElseThrow(() -> new JobFailedException("node " + nic.nodeId() + " is unknown"));
          agents.call(address, new SetGuestRoutesCommand(nic.vmId(), nic.mac(), previous, routes),
              DoneReply.class, TIMEOUT);
        } catch (JobFailedException e) {
          LOG.warn("routes of network {} not pushed into VM {}: {}", c.networkId(), nic.vmId(), e.getMessage());
          failed.add("VM " + nic.vmName() + " (" + nic.vmId() + "): " + e.getMessage());
        }
      }
      if (!failed.isEmpty()) {
        throw new JobFailedException("the new routes are recorded but did not reach " + String.join("; ", failed)
            + " (they get them at their next define or DHCP renewal)");
      }
    });
    return new JobType<>() {
      @Override
      public String name() {
        return "UPDATE_NETWORK_ROUTES";
      }

      @Override
      public Class<RoutesContext> contextType() {
        return RoutesContext.class;
      }

      @Override
      public List<Step<RoutesContext>> steps() {
        return List.of(dhcpStep, guests);
      }

      @Override
      public void onSuccess(RoutesContext c) {
        events.publish("network", c.networkId(), "UPDATED");
      }

      @Override
      public void onFailure(RoutesContext c, String reason) {
        events.publish("network", c.networkId(), "UPDATED");
      }
    };
  }

  private static List<dev.vireo.agent.protocol.GuestSeed.SeedRoute> seedRoutes(List<NetworkRoute> routes) {
    return (routes == null ? List.<NetworkRoute>of() : routes).stream()
        .map(r -> new dev.vireo.agent.protocol.GuestSeed.SeedRoute(r.destination(), r.nextHop())).toList();
  }

  private void ensure(String nodeId, Network n) throws InterruptedException, JobFailedException {
    var address = nodes.address(nodeId).orElseThrow(() -> new JobFailedException("node " + nodeId + " is unknown"));
    try {
      NetworkReply reply = agents.call(address, new EnsureNetworkCommand(n.id(), n.uplink(), n.vlanId()),
          NetworkReply.class, TIMEOUT);
      LOG.info("network {} on node {}: bridge {}{}", n.name(), nodeId, reply.bridge(), reply.changed() ? " (changed)" : "");
    } catch (JobFailedException e) {
      throw new JobFailedException("node " + nodeId + " (" + address.hostname() + ") could not carry network "
          + n.name() + ": " + e.getMessage());
    }
  }
}
