package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateGroupRequest;
import dev.vireo.api.model.GroupKind;
import dev.vireo.api.model.GroupRelation;
import dev.vireo.api.model.GroupStrictness;
import dev.vireo.api.model.IsolationGroup;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.PlacementDryRun;
import dev.vireo.api.model.PlacementDryRunRequest;
import dev.vireo.api.model.PlacementVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Isolation groups ({@code vireo group ...}) and placement dry-runs ({@code vireo placement dry-run}). */
final class GroupCommands {
  private final Session session;
  private final Output out;

  GroupCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String resource, String verb, List<String> tokens) {
    switch (resource + " " + verb) {
      case "group list" -> list(Args.parse(tokens, Set.of(), Set.of()));
      case "group show" -> show(client().getGroup(Args.parse(tokens, Set.of(), Set.of()).target("group id")));
      case "group create" -> create(Args.parse(tokens, Set.of("name", "kind", "relation", "strictness",
          "idempotency-key"), Set.of("no-wait"), Set.of("node")));
      case "group set-nodes" -> setNodes(Args.parse(tokens, Set.of(), Set.of("no-wait"), Set.of("node")));
      case "group delete" -> delete(Args.parse(tokens, Set.of(), Set.of("no-wait")));
      case "placement dry-run" -> dryRun(Args.parse(tokens, Set.of("spec", "cluster", "cpu", "memory-gib"), Set.of(),
          Set.of("group")));
      default -> throw new UsageException("unknown command '" + resource + " " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<IsolationGroup> page = client().listGroups();
    out.result(page, () -> out.table(List.of("ID", "NAME", "KIND", "RELATION", "STRICTNESS", "NODES", "VMS"),
        page.items().stream().map(g -> Table.row(g.id(), g.name(), Human.str(g.kind()), Human.str(g.relation()),
            Human.str(g.strictness()), g.kind() == GroupKind.NODE ? String.join(",", g.nodeIds()) : "",
            String.valueOf(g.vmIds().size()))).toList()));
  }

  private void show(IsolationGroup g) {
    out.result(g, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", g.id());
      f.put("name", g.name());
      f.put("kind", Human.str(g.kind()));
      f.put("relation", Human.str(g.relation()));
      f.put("strictness", Human.str(g.strictness()));
      if (g.kind() == GroupKind.NODE) {
        f.put("nodes", g.nodeIds().isEmpty() ? "(none)" : String.join(", ", g.nodeIds()));
      }
      f.put("vms", g.vmIds().isEmpty() ? "(none)" : String.join(", ", g.vmIds()));
      f.put("created", Human.time(g.createdAt()));
      out.fields(f);
    });
  }

  private void create(Args args) {
    args.noMorePositionalsThan(0);
    GroupKind kind = args.choice("kind", GroupKind.class);
    if (kind == null) {
      throw new UsageException("--kind is required: vm or node");
    }
    args.required("relation");
    GroupRelation relation = args.choice("relation", GroupRelation.class);
    List<String> nodes = args.values("node");
    CreateGroupRequest request = new CreateGroupRequest(args.required("name"), kind, relation,
        args.choice("strictness", GroupStrictness.class), nodes.isEmpty() ? null : nodes);
    finish(args, client().createGroup(request, args.value("idempotency-key")));
  }

  private void setNodes(Args args) {
    finish(args, client().setGroupNodes(args.target("group id"), args.values("node")));
  }

  private void delete(Args args) {
    Accepted a = client().deleteGroup(args.target("group id"));
    if (args.flag("no-wait")) {
      session.accepted(a, "group");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    out.result(a, () -> out.line("group " + a.resourceId() + " deleted"));
  }

  private void finish(Args args, Accepted a) {
    if (args.flag("no-wait")) {
      session.accepted(a, "group");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getGroup(a.resourceId()));
  }

  private void dryRun(Args args) {
    args.noMorePositionalsThan(0);
    if (args.value("spec") == null && args.value("cpu") == null) {
      throw new UsageException("--spec is required (or --cpu and --memory-gib)");
    }
    List<String> groups = args.values("group");
    PlacementDryRun d = client().dryRunPlacement(new PlacementDryRunRequest(args.value("cluster"), args.value("spec"),
        args.integer("cpu", 1, 240), args.integer("memory-gib", 1, 1024), groups.isEmpty() ? null : groups));
    out.result(d, () -> {
      out.line(d.nodeId() == null ? "not placed: " + d.reason() : "placed on " + d.nodeId() + ": " + d.reason());
      out.table(List.of("NODE", "VERDICT", "SCORE", "FILTER", "REASON"), d.nodes().stream().map(v -> Table.row(
          v.nodeId() + (v.nodeId().equals(d.nodeId()) ? " *" : ""), v.accepted() ? "accepted" : "rejected",
          score(v), v.filter(), v.reason())).toList());
    });
  }

  private static String score(PlacementVerdict v) {
    return v.score() == null ? null : String.format(Locale.ROOT, "%.3f", v.score());
  }
}
