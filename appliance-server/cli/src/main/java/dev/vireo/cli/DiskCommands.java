package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.CreateDiskRequest;
import dev.vireo.api.model.CreateStorageClusterRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.DiskState;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.StorageCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Virtual disks ({@code vireo disk ...}) and storage clusters ({@code vireo storage ...}), ADR 0021. */
final class DiskCommands {
  private final Session session;
  private final Output out;

  DiskCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void runDisk(String verb, List<String> tokens) {
    Set<String> noWait = Set.of("no-wait");
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of("state", "vm"), Set.of()));
      case "show" -> show(client().getDisk(Args.parse(tokens, Set.of(), Set.of()).target("disk id or name")));
      case "create" -> create(Args.parse(tokens, Set.of("name", "size-gib", "storage", "description",
          "idempotency-key"), noWait));
      case "resize" -> resize(Args.parse(tokens, Set.of("size-gib"), noWait));
      case "clone" -> {
        Args args = Args.parse(tokens, Set.of("name", "description"), noWait);
        finish(args, client().cloneDisk(args.target("disk id or name"), args.required("name"), args.value("description")));
      }
      // storage live migration (ADR 0026)
      case "migrate" -> migrate(Args.parse(tokens, Set.of("storage"), noWait));
      case "attach" -> attach(Args.parse(tokens, Set.of("vm"), noWait));
      case "detach" -> detach(Args.parse(tokens, Set.of(), noWait));
      case "delete" -> delete(Args.parse(tokens, Set.of(), noWait));
      // disk snapshots and QoS (ADR 0025)
      case "snapshot" -> new SnapshotCommands(session).run(tokens);
      case "qos" -> new DiskQosCommands(session).run(tokens);
      default -> throw new UsageException("unknown command 'disk " + verb + "'");
    }
  }

  void runStorage(String verb, List<String> tokens) {
    Set<String> noWait = Set.of("no-wait");
    switch (verb) {
      case "list" -> listStorage(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> showStorage(client().getStorageCluster(
          Args.parse(tokens, Set.of(), Set.of()).target("storage cluster id or name")));
      case "create" -> createStorage(Args.parse(tokens, Set.of("name", "cluster", "path", "description",
          "idempotency-key"), noWait));
      case "refresh" -> storageJob(Args.parse(tokens, Set.of(), noWait), true);
      case "delete" -> storageJob(Args.parse(tokens, Set.of(), noWait), false);
      default -> throw new UsageException("unknown command 'storage " + verb + "'");
    }
  }

  private VireoClient client() {
    return session.client();
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Disk> page = args.value("vm") != null ? client().listVmDisks(args.value("vm"))
        : client().listDisks(args.choice("state", DiskState.class));
    out.result(page, () -> out.table(List.of("ID", "NAME", "SIZE", "STATE", "VM", "TARGET", "STORAGE"),
        page.items().stream().map(d -> Table.row(d.id(), d.name(), Human.gib(d.sizeGiB()), d.state().name(),
            d.vmId() == null ? "-" : d.vmId(), d.target() == null ? "-" : d.target(), d.storageClusterId())).toList()));
  }

  private void show(Disk d) {
    out.result(d, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", d.id());
      f.put("name", d.name());
      f.put("size", Human.gib(d.sizeGiB()));
      f.put("state", d.state().name() + (d.stateReason() == null ? "" : " (" + d.stateReason() + ")"));
      f.put("VM", d.vmId() == null ? "(none)" : d.vmId() + " as " + d.target());
      f.put("storage cluster", d.storageClusterId());
      f.put("allocated", d.allocatedBytes() == null ? "?" : Human.bytes(d.allocatedBytes()));
      if (d.description() != null) {
        f.put("description", d.description());
      }
      f.put("created", Human.time(d.createdAt()));
      out.fields(f);
    });
  }

  private void create(Args args) {
    args.noMorePositionalsThan(0);
    Integer size = args.integer("size-gib", 1, Integer.MAX_VALUE);
    if (size == null) {
      throw new UsageException("--size-gib is required (whole GiB, at least 10)");
    }
    Accepted a = client().createDisk(new CreateDiskRequest(args.required("name"), args.value("description"), size,
        args.value("storage")), args.value("idempotency-key"));
    finish(args, a);
  }

  private void resize(Args args) {
    Integer size = args.integer("size-gib", 1, Integer.MAX_VALUE);
    if (size == null) {
      throw new UsageException("--size-gib is required: the new, larger size");
    }
    finish(args, client().resizeDisk(args.target("disk id or name"), size));
  }

  private void attach(Args args) {
    String disk = args.target("disk id or name");
    Accepted a = client().attachDisk(args.required("vm"), disk);
    if (args.flag("no-wait")) {
      session.accepted(a, "disk");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getDisk(disk));
  }

  /** Detaches the disk from whichever VM has it. */
  private void detach(Args args) {
    Disk d = client().getDisk(args.target("disk id or name"));
    if (d.vmId() == null) {
      throw new UsageException("disk " + d.name() + " is not attached to a VM");
    }
    Accepted a = client().detachDisk(d.vmId(), d.id());
    if (args.flag("no-wait")) {
      session.accepted(a, "disk");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getDisk(d.id()));
  }

  private void delete(Args args) {
    Accepted a = client().deleteDisk(args.target("disk id or name"));
    if (args.flag("no-wait")) {
      session.accepted(a, "disk");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    out.result(a, () -> out.line("disk " + a.resourceId() + " deleted"));
  }

  /** Moves the disk to another storage cluster (live when its VM runs); shows the disk after. */
  private void migrate(Args args) {
    String disk = args.target("disk id or name");
    Accepted a = client().migrateDisk(disk, args.required("storage"));
    if (args.flag("no-wait")) {
      session.accepted(a, "disk");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getDisk(disk));
  }

  private void finish(Args args, Accepted a) {
    if (args.flag("no-wait")) {
      session.accepted(a, "disk");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    show(client().getDisk(a.resourceId()));
  }

  private void listStorage(Args args) {
    args.noMorePositionalsThan(0);
    Page<StorageCluster> page = client().listStorageClusters();
    out.result(page, () -> out.table(List.of("ID", "NAME", "CLUSTER", "PATH", "CAPACITY", "USED", "ALLOCATED", "STATE"),
        page.items().stream().map(s -> Table.row(s.id(), s.name() + (s.defaultForCluster() ? " (default)" : ""),
            s.clusterId(), s.path(), s.capacityBytes() == null ? "?" : Human.bytes(s.capacityBytes()),
            s.usedBytes() == null ? "?" : Human.bytes(s.usedBytes()), Human.bytes(s.allocatedBytes()),
            s.state().name())).toList()));
  }

  private void showStorage(StorageCluster s) {
    out.result(s, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", s.id());
      f.put("name", s.name());
      f.put("cluster", s.clusterId() + (s.defaultForCluster() ? " (its default storage: the storage root)" : ""));
      f.put("path", s.path());
      f.put("state", s.state().name());
      f.put("capacity", s.capacityBytes() == null ? "? (not measured yet)" : Human.bytes(s.capacityBytes()));
      f.put("used", s.usedBytes() == null ? "?" : Human.bytes(s.usedBytes()));
      f.put("allocated", Human.bytes(s.allocatedBytes()));
      if (s.description() != null) {
        f.put("description", s.description());
      }
      f.put("measured", s.measuredAt() == null ? "never" : Human.time(s.measuredAt()));
      out.fields(f);
    });
  }

  private void createStorage(Args args) {
    args.noMorePositionalsThan(0);
    Accepted a = client().createStorageCluster(new CreateStorageClusterRequest(args.required("name"),
        args.value("cluster"), args.required("path"), args.value("description")), args.value("idempotency-key"));
    if (args.flag("no-wait")) {
      session.accepted(a, "storage-cluster");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    showStorage(client().getStorageCluster(a.resourceId()));
  }

  private void storageJob(Args args, boolean refresh) {
    String target = args.target("storage cluster id or name");
    Accepted a = refresh ? client().refreshStorageCluster(target) : client().deleteStorageCluster(target);
    if (args.flag("no-wait")) {
      session.accepted(a, "storage-cluster");
      return;
    }
    session.await(a, Session.DEFAULT_WAIT);
    if (refresh) {
      showStorage(client().getStorageCluster(a.resourceId()));
    } else {
      out.result(a, () -> out.line("storage cluster " + a.resourceId() + " deleted"));
    }
  }
}
