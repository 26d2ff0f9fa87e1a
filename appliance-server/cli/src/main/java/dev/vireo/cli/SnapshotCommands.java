package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.DiskSnapshot;
import dev.vireo.api.model.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Disk snapshots ({@code vireo disk snapshot ...}) and system-disk ones ({@code vireo vm snapshot ...}), ADR 0025. */
final class SnapshotCommands {
  private final Session session;
  private final Output out;
  private final boolean ofVm;
  private final String what;

  SnapshotCommands(Session session) {
    this(session, false);
  }

  /** {@code ofVm}: the target is a VM and the snapshots are of its system disk. */
  SnapshotCommands(Session session, boolean ofVm) {
    this.session = session;
    this.out = session.out;
    this.ofVm = ofVm;
    this.what = ofVm ? "VM id or name" : "disk id or name";
  }

  /** {@code tokens}: the sub-verb, then its arguments. */
  void run(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new UsageException("usage: vireo " + (ofVm ? "vm" : "disk")
          + " snapshot <list|show|create|delete|rollback|new-disk> ...");
    }
    String verb = tokens.get(0);
    List<String> rest = tokens.subList(1, tokens.size());
    Set<String> noWait = Set.of("no-wait");
    switch (verb) {
      case "list" -> list(Args.parse(rest, Set.of(), Set.of()).target(what));
      case "show" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), Set.of());
        String t = args.target(what);
        show(ofVm ? client().getVmSnapshot(t, args.required("snapshot"))
            : client().getDiskSnapshot(t, args.required("snapshot")));
      }
      case "create" -> {
        Args args = Args.parse(rest, Set.of("name", "description"), noWait);
        String disk = args.target(what);
        String name = args.required("name");
        Accepted a = ofVm ? client().createVmSnapshot(disk, name, args.value("description"))
            : client().createDiskSnapshot(disk, name, args.value("description"));
        finish(args, a, () -> show(ofVm ? client().getVmSnapshot(disk, name) : client().getDiskSnapshot(disk, name)));
      }
      case "delete" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), noWait);
        String disk = args.target(what);
        String snapshot = args.required("snapshot");
        finish(args, ofVm ? client().deleteVmSnapshot(disk, snapshot) : client().deleteDiskSnapshot(disk, snapshot),
            () -> out.line("snapshot " + snapshot + " of " + disk + " deleted"));
      }
      case "rollback" -> {
        Args args = Args.parse(rest, Set.of("snapshot"), noWait);
        String disk = args.target(what);
        String snapshot = args.required("snapshot");
        finish(args, ofVm ? client().rollbackVmSnapshot(disk, snapshot) : client().rollbackDiskSnapshot(disk, snapshot),
            () -> out.line(disk + " rolled back to snapshot " + snapshot));
      }
      case "new-disk" -> {
        Args args = Args.parse(rest, Set.of("snapshot", "name", "description"), noWait);
        String t = args.target(what);
        Accepted a = ofVm ? client().createDiskFromVmSnapshot(t, args.required("snapshot"), args.required("name"),
            args.value("description"))
            : client().createDiskFromSnapshot(t, args.required("snapshot"), args.required("name"),
                args.value("description"));
        finish(args, a, () -> out.line("disk " + a.resourceId() + " created from the snapshot"));
      }
      default -> throw new UsageException("unknown command '" + (ofVm ? "vm" : "disk") + " snapshot " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(String target) {
    Page<DiskSnapshot> page = ofVm ? client().listVmSnapshots(target) : client().listDiskSnapshots(target);
    out.result(page, () -> out.table(List.of("ID", "NAME", "SIZE", "STATE", "CREATED"),
        page.items().stream().map(s -> Table.row(s.id(), s.name(), Human.gib(s.sizeGiB()), s.state().name(),
            Human.time(s.createdAt()))).toList()));
  }

  private void show(DiskSnapshot s) {
    out.result(s, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", s.id());
      f.put("name", s.name());
      f.put(s.vmId() != null ? "system disk of VM" : "disk", s.vmId() != null ? s.vmId() : s.diskId());
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
