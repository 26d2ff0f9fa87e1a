package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Region;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.CreateClusterRequest;
import dev.vireo.api.model.UpdateClusterRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory: {@code vireo cluster|region|node list}, {@code node|cluster show}, {@code node devices},
 * {@code cluster update}, {@code node lock|unlock}, {@code node maintenance enter|exit}.
 */
final class InventoryCommands {
  private final Session session;
  private final Output out;

  InventoryCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String resource, String verb, List<String> tokens) {
    switch (resource + " " + verb) {
      case "cluster list" -> clusters(noArgs(tokens));
      case "cluster show" -> cluster(client().getCluster(Args.parse(tokens, Set.of(), Set.of()).target("cluster id")));
      case "region list" -> regions(noArgs(tokens));
      case "node list" -> nodes(noArgs(tokens));
      case "node show" -> new NodeDetails(session).show(tokens);
      case "node devices" -> new NodeDetails(session).devices(tokens);
      case "node lock", "node unlock" -> lock(Args.parse(tokens, Set.of(), Set.of("no-wait")), verb.equals("lock"));
      case "node maintenance" -> maintenance(tokens);
      case "cluster create" -> createCluster(Args.parse(tokens, Set.of("name", "arch", "overcommit"), Set.of("no-wait")));
      case "cluster update" -> updateCluster(Args.parse(tokens, Set.of("name", "overcommit", "ha-probe-interval"),
          Set.of("no-wait")));
      default -> throw new UsageException("unknown command '" + resource + " " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private static Args noArgs(List<String> tokens) {
    Args args = Args.parse(tokens, Set.of(), Set.of());
    args.noMorePositionalsThan(0);
    return args;
  }

  private void clusters(Args args) {
    Page<Cluster> page = client().listClusters();
    out.result(page, () -> out.table(List.of("ID", "NAME", "ARCH", "CPU OVERCOMMIT", "REGION", "CREATED"),
        page.items().stream().map(c -> Table.row(c.id(), c.name(), Human.str(c.arch()), c.cpuOvercommitPercent() + "%",
            c.regionId(), Human.time(c.createdAt()))).toList()));
  }

  private void cluster(Cluster c) {
    out.result(c, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", c.id());
      f.put("name", c.name());
      f.put("region", c.regionId());
      f.put("arch", Human.str(c.arch()));
      f.put("cpu overcommit", c.cpuOvercommitPercent() + "%");
      f.put("HA probe interval", c.haProbeIntervalSeconds() + " s");
      f.put("created", Human.time(c.createdAt()));
      out.fields(f);
    });
  }

  private void lock(Args args, boolean lock) {
    Accepted a = client().lockNode(args.target("node id"), lock);
    if (args.flag("no-wait")) {
      session.accepted(a, "node");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    node(client().getNode(a.resourceId()));
  }

  private void maintenance(List<String> tokens) {
    String action = tokens.isEmpty() ? "" : tokens.get(0);
    if (!action.equals("enter") && !action.equals("exit")) {
      throw new UsageException("usage: vireo node maintenance enter|exit <node id> [--no-wait]");
    }
    Args args = Args.parse(tokens.subList(1, tokens.size()), Set.of(), Set.of("no-wait"));
    Accepted a = client().maintainNode(args.target("node id"), action.equals("enter"));
    if (args.flag("no-wait")) {
      session.accepted(a, "node");
      return;
    }
    // moving every VM off a node (live migrations, one at a time) takes longer than a VM operation
    session.await(a, action.equals("enter") ? java.time.Duration.ofHours(2) : Session.DEFAULT_WAIT);
    node(client().getNode(a.resourceId()));
  }

  private void createCluster(Args args) {
    args.noMorePositionalsThan(0);
    CpuArch arch = args.value("arch") == null ? null : Choices.parse("arch", args.value("arch"), CpuArch.class);
    Accepted a = client().createCluster(new CreateClusterRequest(args.required("name"), arch,
        args.integer("overcommit", 100, 600)), null);
    if (args.flag("no-wait")) {
      session.accepted(a, "cluster");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    cluster(client().getCluster(a.resourceId()));
  }

  private void updateCluster(Args args) {
    Accepted a = client().updateCluster(args.target("cluster id"),
        new UpdateClusterRequest(args.value("name"), args.integer("overcommit", 100, 600),
            args.integer("ha-probe-interval", 1, 60)));
    if (args.flag("no-wait")) {
      session.accepted(a, "cluster");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    cluster(client().getCluster(a.resourceId()));
  }

  private void regions(Args args) {
    Page<Region> page = client().listRegions();
    out.result(page, () -> out.table(List.of("ID", "NAME", "DEFAULT"),
        page.items().stream().map(r -> Table.row(r.id(), r.name(), r.isDefault() ? "yes" : "")).toList()));
  }

  private void nodes(Args args) {
    Page<Node> page = client().listNodes();
    out.result(page, () -> out.table(List.of("ID", "HOSTNAME", "STATE", "CPUS", "MEMORY", "VMS", "CLUSTER", "HEARTBEAT"),
        page.items().stream().map(n -> Table.row(n.id(), n.hostname(),
            Human.str(n.state()) + NodeDetails.scheduling(n), String.valueOf(n.cpus()),
            Human.bytes(n.memoryBytes()), String.valueOf(n.vmCount()), n.clusterId(),
            Human.time(n.lastHeartbeatAt()))).toList()));
  }

  private void node(Node n) {
    new NodeDetails(session).print(n);
  }
}
