package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateSpecRequest;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateDiskSpecRequest;
import dev.vireo.api.model.UpdateSpecRequest;
import java.util.List;
import java.util.Set;

/**
 * Custom specs (white paper 4.2.2, 6.5): {@code vireo spec list|create|update|delete} for VM specs,
 * {@code vireo disk-spec list|show|update} for the capacity range of each storage cluster's disks.
 */
final class SpecCommands {
  private static final int MAX_GIB = Integer.MAX_VALUE;
  private final Session session;
  private final Output out;

  SpecCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void runSpec(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of("cluster"), Set.of()));
      case "create" -> create(Args.parse(tokens, Set.of("cluster", "cpu", "memory-gib"), Set.of("no-wait")));
      case "update" -> update(Args.parse(tokens, Set.of("name", "cpu", "memory-gib"), Set.of("no-wait")));
      case "delete" -> delete(Args.parse(tokens, Set.of(), Set.of("no-wait")));
      default -> throw new UsageException("unknown command 'spec " + verb + "'");
    }
  }

  void runDiskSpec(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> diskSpecs(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> diskSpec(client().getDiskSpec(Args.parse(tokens, Set.of(), Set.of()).target("storage cluster")));
      case "update" -> {
        Args args = Args.parse(tokens, Set.of("min-gib", "max-gib"), Set.of());
        String storage = args.target("storage cluster");
        Integer min = args.integer("min-gib", 1, MAX_GIB);
        Integer max = args.integer("max-gib", 1, MAX_GIB);
        if (min == null && max == null) {
          throw new UsageException("give --min-gib and/or --max-gib");
        }
        diskSpec(client().updateDiskSpec(storage, new UpdateDiskSpecRequest(min, max)));
      }
      default -> throw new UsageException("unknown command 'disk-spec " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Spec> page = client().listSpecs(args.value("cluster"));
    out.result(page, () -> out.table(List.of("ID", "NAME", "CPU", "MEMORY", "CLUSTER", "DEFAULT"),
        page.items().stream().map(s -> Table.row(s.id(), s.name(), String.valueOf(s.cpu()), Human.gib(s.memoryGiB()),
            s.clusterId() == null ? "(all)" : s.clusterId(), s.isDefault() ? "yes" : "")).toList()));
  }

  private void create(Args args) {
    args.noMorePositionalsThan(0);
    Integer cpu = args.integer("cpu", 1, 240);
    Integer memory = args.integer("memory-gib", 1, 1024);
    if (cpu == null || memory == null) {
      throw new UsageException("give --cpu and --memory-gib");
    }
    finish(args, client().createSpec(new CreateSpecRequest(args.value("cluster"), cpu, memory), null));
  }

  private void update(Args args) {
    String id = args.target("spec id");
    Integer cpu = args.integer("cpu", 1, 240);
    Integer memory = args.integer("memory-gib", 1, 1024);
    if (args.value("name") == null && cpu == null && memory == null) {
      throw new UsageException("give --name, --cpu and/or --memory-gib");
    }
    finish(args, client().updateSpec(id, new UpdateSpecRequest(args.value("name"), cpu, memory)));
  }

  private void delete(Args args) {
    Accepted a = client().deleteSpec(args.target("spec id"));
    if (args.flag("no-wait")) {
      session.accepted(a, "spec");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    out.result(a, () -> out.line("spec " + a.resourceId() + " deleted"));
  }

  /** Waits for the job unless --no-wait, then prints the spec as it is now. */
  private void finish(Args args, Accepted a) {
    if (args.flag("no-wait")) {
      session.accepted(a, "spec");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    Spec s = client().listSpecs(null).items().stream().filter(x -> x.id().equals(a.resourceId())).findFirst()
        .orElseThrow(() -> new CommandFailedException("spec " + a.resourceId() + " is not listed"));
    out.result(s, () -> out.table(List.of("ID", "NAME", "CPU", "MEMORY", "CLUSTER", "DEFAULT"),
        List.of(Table.row(s.id(), s.name(), String.valueOf(s.cpu()), Human.gib(s.memoryGiB()),
            s.clusterId() == null ? "(all)" : s.clusterId(), s.isDefault() ? "yes" : ""))));
  }

  private void diskSpecs(Args args) {
    args.noMorePositionalsThan(0);
    Page<DiskSpec> page = client().listDiskSpecs();
    out.result(page, () -> out.table(List.of("STORAGE CLUSTER", "NAME", "MIN", "MAX", "CLUSTER", "MODIFIED"),
        page.items().stream().map(SpecCommands::row).toList()));
  }

  private void diskSpec(DiskSpec d) {
    out.result(d, () -> out.table(List.of("STORAGE CLUSTER", "NAME", "MIN", "MAX", "CLUSTER", "MODIFIED"),
        List.of(row(d))));
  }

  private static List<String> row(DiskSpec d) {
    return Table.row(d.storageClusterId(), d.storageClusterName(), Human.gib(d.minGiB()), Human.gib(d.maxGiB()),
        d.clusterId(), d.modified() ? Human.time(d.updatedAt()) : "");
  }
}
