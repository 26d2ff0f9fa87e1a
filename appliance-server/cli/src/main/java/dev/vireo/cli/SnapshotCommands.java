package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Disk snapshots ({@code vireo disk snapshot ...}), ADR 0025. */
final class SnapshotCommands {
  private final Session session;
  private final Output out;

  SnapshotCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  /** {@code tokens}: the sub-verb, then its arguments. */
  void run(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new UsageException("usage: vireo disk snapshot <list|show|create|delete|rollback|new-disk> ...");
    }
    String verb = tokens.get(0);
    List<String> rest = tokens.subList(1, tokens.size());
    Set<String> noWait = Set.of("no-wait");
    switch (verb) {
      case "list" -> list(Args.parse(rest, Set.of(), Set.of()).target("disk id or name"));
      case "show" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), Set.of());
        show(client().getDiskSnapshot(args.target("disk id or name"), args.required("snapshot")));
      }
      case "create" -> {
        Args args = Args.parse(rest, Set.of("name", "description"), noWait);
        String disk = args.target("disk id or name");
        String name = args.required("name");
        Accepted a = client().createDiskSnapshot(disk, name, args.value("description"));
        finish(args, a, () -> show(client().getDiskSnapshot(disk, name)));
      }
      case "delete" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), noWait);
        String disk = args.target("disk id or name");
        String snapshot = args.required("snapshot");
        finish(args, client().deleteDiskSnapshot(disk, snapshot),
            () -> out.line("snapshot " + snapshot + " of disk " + disk + " deleted"));
      }
      case "rollback" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), noWait);
        String disk = args.target("disk id or name");
        String snapshot = args.required("snapshot");
        finish(args, client().rollbackDiskSnapshot(disk, snapshot),
            () -> out.line("disk " + disk + " rolled back to snapshot " + snapshot));
      }
      case "new-disk" -> {
        Args args = Args.parse(rest, Set.of("snapshot", "name", "description"), noWait);
        Accepted a = client().createDiskFromSnapshot(args.target("disk id or name"), args.required("snapshot"),
            args.required("name"), args.value("description"));
        finish(args, a, () -> out.line("disk " + a.resourceId() + " created from the snapshot"));
      }
      default -> throw new UsageException("unknown command 'disk snapshot " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(String disk) {
    Page<DiskSnapshot> page = client().listDiskSnapshots(disk);
    out.result(page, () -> out.table(List.of("ID", "NAME", "SIZE", "STATE", "CREATED"),
        page.items().stream().map(s -> Table.row(s.id(), s.name(), Human.gib(s.sizeGiB()), s.state().name(),
            Human.time(s.createdAt()))).toList()));
  }

  private void show(DiskSnapshot s) {
    out.result(s, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", s.id());
      f.put("name", s.name());
      f.put("disk", s.diskId());
      f.put("size", Human.gib(s.sizeGiB()));
      f.put("state", s.state().name() + (s.stateReason() == null ? "" : " (" + s.stateReason() + ")"));
      if (s.description() != null) {
        f.put("description", s.description());
      }
      f.put("created", Human.time(s.createdAt()));
      out.fields(f);
    });
  }

  private void finish(Args args, Accepted a, Runnable after) {
    if (args.flag("no-wait")) {
      session.accepted(a, a.resourceType());
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    after.run();
  }
}
