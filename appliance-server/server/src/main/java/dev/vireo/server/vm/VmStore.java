package dev.vireo.server.vm;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.server.inventory.Rows;
import dev.vireo.server.network.Ipam;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * VMs in the inventory. Every write to the {@code vms} table goes through this class, which bumps
 * {@link #version()} once the write is committed (see {@link VmListCache}); a write elsewhere
 * would leave cached VM lists stale.
 */
public final class VmStore {
  /** Keeps {@code last_known_state} at the last state other than UNKNOWN (bound as :s). */
  private static final String LAST_KNOWN =
      " last_known_state = CASE WHEN :s = 'UNKNOWN' THEN last_known_state ELSE :s END";
  private final Jdbi jdbi;
  private final AtomicLong version = new AtomicLong();

  public VmStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Changes whenever a write to the VMs has been committed. It is bumped AFTER the commit, so a
   * reader that read version v before running its queries saw every write whose bump made the
   * version v; a write committed but not yet bumped belongs to a call that has not returned yet.
   */
  public long version() {
    return version.get();
  }

  /** A VM's NICs changed in {@code h} (their security groups, their MAC): listed VMs are stale once it commits. */
  public void nicsChanged(Handle h) {
    changed(h);
  }

  /** After {@code h}'s write: bump now (auto-commit) or when its transaction commits (never on rollback). */
  private void changed(Handle h) {
    if (h.isInTransaction()) {
      h.afterCommit(version::incrementAndGet);
    } else {
      version.incrementAndGet();
    }
  }

  /** One page, newest first; DELETED VMs only when asked for by state. */
  public Page<Vm> list(String state, String nodeId, int offset, int limit) {
    return listed(state, nodeId, offset, limit).page();
  }

  /**
   * A page, and whether it was read outside any transaction. Jdbi reuses a handle already open on
   * the calling thread, so a list called inside a write transaction sees that transaction's
   * uncommitted rows: such a page must not be cached.
   */
  record Listed(Page<Vm> page, boolean committedOnly) {}

  Listed listed(String state, String nodeId, int offset, int limit) {
    return listed(state, nodeId, null, offset, limit);
  }

  /** {@code regions}: only VMs of these regions (a REGION account's list, ADR 0039); null: all. */
  public Listed listed(String state, String nodeId, java.util.Set<String> regions, int offset, int limit) {
    StringBuilder where = new StringBuilder(state == null ? " WHERE state <> 'DELETED'" : " WHERE state = :state");
    Map<String, Object> args = new HashMap<>();
    if (state != null) {
      args.put("state", state);
    }
    if (nodeId != null) {
      where.append(" AND node_id = :node");
      args.put("node", nodeId);
    }
    if (regions != null) {
      where.append(regions.isEmpty() ? " AND 1 = 0" : " AND region_id IN (<regions>)");
    }
    return jdbi.withHandle(h -> {
      var count = h.createQuery("SELECT COUNT(*) FROM vms" + where).bindMap(args);
      var select = h.createQuery("SELECT * FROM vms" + where + " ORDER BY created_at DESC, id LIMIT :l OFFSET :o")
          .bindMap(args);
      if (regions != null && !regions.isEmpty()) {
        count.bindList("regions", List.copyOf(regions));
        select.bindList("regions", List.copyOf(regions));
      }
      int total = count.mapTo(Integer.class).one();
      List<Vm> items = select.bind("l", limit).bind("o", offset).map((rs, c) -> map(rs)).list().stream()
          .map(VmRecord::vm).toList();
      items = withNics(h, items);
      return new Listed(new Page<>(items, total, offset, limit), !h.isInTransaction());
    });
  }

  public Optional<VmRecord> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM vms WHERE id = :id").bind("id", id)
        .map((rs, c) -> map(rs)).findOne().map(r -> withNics(h, r)));
  }

  /** The VMs with their NICs, read in one query. */
  private static List<Vm> withNics(Handle h, List<Vm> vms) {
    var nics = Ipam.nicsOf(h, vms.stream().map(Vm::id).toList());
    return vms.stream().map(v -> v.withNetworking(nics.getOrDefault(v.id(), List.of()), v.hostname())).toList();
  }

  private static VmRecord withNics(Handle h, VmRecord r) {
    return new VmRecord(withNics(h, List.of(r.vm())).get(0), r.vncPassword(), r.dnsServers(), r.passwordHash());
  }

  /** Records the guest customisation of a VM being created (white paper 4.2.13-4.2.15). */
  public void setGuest(Handle h, String id, String hostname, List<String> dnsServers, String passwordHash) {
    h.createUpdate("UPDATE vms SET hostname = :h, dns_servers = :d, password_hash = :p WHERE id = :id")
        .bind("h", hostname).bind("d", dnsServers == null || dnsServers.isEmpty() ? null : String.join(",", dnsServers))
        .bind("p", passwordHash).bind("id", id).execute();
    changed(h);
  }

  /** By id, else by a unique live name. */
  public Optional<VmRecord> resolve(String idOrName) {
    return get(idOrName).or(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM vms WHERE name = :n AND state <> 'DELETED'").bind("n", idOrName)
        .map((rs, c) -> map(rs)).findOne().map(r -> withNics(h, r))));
  }

  public boolean nameTaken(Handle h, String regionId, String name, String exceptId) {
    return h.createQuery("SELECT COUNT(*) FROM vms WHERE region_id = :r AND name = :n AND state <> 'DELETED'"
            + " AND id <> :x")
        .bind("r", regionId).bind("n", name).bind("x", exceptId == null ? "" : exceptId).mapTo(Integer.class).one() > 0;
  }

  public List<VmRecord> onNode(String nodeId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM vms WHERE node_id = :n AND state <> 'DELETED'")
        .bind("n", nodeId).map((rs, c) -> map(rs)).list());
  }

  public void insert(Handle h, Vm vm, String regionId, String vncPassword) {
    h.createUpdate("INSERT INTO vms (id, region_id, name, description, state, last_known_state, cluster_id, image_id,"
            + " spec_id, cpu, memory_gib, system_disk_gib, boot_mode, vnc_password, ha_mode, cpu_mode, created_at,"
            + " updated_at, os_type, cdrom_image_id, system_storage_cluster_id)"
            + " VALUES (:id, :r, :n, :d, :s, :s, :c, :i, :sp, :cpu, :m, :disk, :b, :vnc, :ha, :cm, :t, :t, :os, :cd, :ssc)")
        .bind("id", vm.id()).bind("r", regionId).bind("n", vm.name()).bind("d", vm.description())
        .bind("s", vm.state().name()).bind("c", vm.clusterId()).bind("i", vm.imageId()).bind("sp", vm.specId())
        .bind("cpu", vm.cpu()).bind("m", vm.memoryGiB()).bind("disk", vm.systemDiskGiB())
        .bind("b", vm.bootMode().name()).bind("vnc", vncPassword)
        .bind("ha", (vm.haMode() == null ? HaMode.NONE : vm.haMode()).name())
        .bind("cm", (vm.cpuMode() == null ? CpuMode.CUSTOM : vm.cpuMode()).name()).bind("t", Rows.now())
        .bind("os", vm.osType() == null ? null : vm.osType().name()).bind("cd", vm.cdromImageId())
        .bind("ssc", vm.systemStorageClusterId()).execute();
    changed(h);
  }

  // --- reinstall, ISO install (ADR 0029) ---

  /** After a reinstall: the VM's new image and boot mode (its OS family stays). */
  public void reinstalled(String id, String imageId, dev.vireo.api.model.BootMode bootMode) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET image_id = :i, boot_mode = :b, updated_at = :t WHERE id = :id")
          .bind("i", imageId).bind("b", bootMode.name()).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** A new initial guest password (its hash; null keeps none). */
  public void setPasswordHash(String id, String passwordHash) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET password_hash = :p WHERE id = :id").bind("p", passwordHash).bind("id", id)
          .execute();
      changed(h);
    });
  }

  /** The ISO left the VM's CD-ROM drive. */
  public void cdromEjected(String id) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET cdrom_image_id = NULL, updated_at = :t WHERE id = :id").bind("t", Rows.now())
          .bind("id", id).execute();
      changed(h);
    });
  }

  /** Locks the VM's row and gives its state: a check that holds until the transaction commits. */
  public VmState lockState(Handle h, String id) {
    h.createUpdate("UPDATE vms SET updated_at = updated_at WHERE id = :id").bind("id", id).execute();
    return stateOf(h, id);
  }

  /** The VM's state as this transaction sees it (the checks of the routes that submit jobs). */
  public static VmState stateOf(Handle h, String id) {
    return h.createQuery("SELECT state FROM vms WHERE id = :id").bind("id", id)
        .map((rs, c) -> VmState.valueOf(rs.getString(1))).one();
  }
  // --- end reinstall, ISO install ---

  public void setState(String id, VmState state, String reason) {
    jdbi.useHandle(h -> setState(h, id, state, reason));
  }

  public void setState(Handle h, String id, VmState state, String reason) {
    h.createUpdate("UPDATE vms SET state = :s, state_reason = :r, updated_at = :t," + LAST_KNOWN + " WHERE id = :id")
        .bind("s", state.name()).bind("r", reason).bind("t", Rows.now()).bind("id", id).execute();
    changed(h);
  }

  public void setNode(String id, String nodeId) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET node_id = :n, updated_at = :t WHERE id = :id")
          .bind("n", nodeId).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** Records the VM on a node in a state, in one update: a moved VM is never shown with its old state. */
  public void setNodeAndState(String id, String nodeId, VmState state, String reason) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET node_id = :n, state = :s, state_reason = :r, updated_at = :t," + LAST_KNOWN
              + " WHERE id = :id")
          .bind("n", nodeId).bind("s", state.name()).bind("r", reason).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** The state before the VM became UNKNOWN (its node went silent), or its state now. */
  public Optional<VmState> lastKnownState(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(last_known_state, state) FROM vms WHERE id = :id")
        .bind("id", id).mapTo(String.class).findOne().map(VmState::valueOf));
  }

  public void setHaMode(String id, HaMode mode) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET ha_mode = :m, updated_at = :t WHERE id = :id")
          .bind("m", mode.name()).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** Moves a VM to another cluster and clears its node: it is placed there at its next start. */
  public void moveToCluster(String id, String clusterId) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET cluster_id = :c, node_id = NULL, updated_at = :t WHERE id = :id")
          .bind("c", clusterId).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  public void rename(String id, String name, String description) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET name = COALESCE(:n, name), description = COALESCE(:d, description),"
              + " updated_at = :t WHERE id = :id")
          .bind("n", name).bind("d", description).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  // --- vm operations: resize, CPU mode, hot-upgrade ceiling ---

  /** Records a resize: the VM's spec, vCPUs and memory. */
  public void resize(String id, String specId, int cpu, int memoryGiB) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET spec_id = :sp, cpu = :c, memory_gib = :m, updated_at = :t WHERE id = :id")
          .bind("sp", specId).bind("c", cpu).bind("m", memoryGiB).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  public void setCpuMode(String id, CpuMode mode) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET cpu_mode = :m, updated_at = :t WHERE id = :id")
          .bind("m", mode.name()).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** The vCPU maximum the VM's domain was defined with (what a running VM can be hot-upgraded to). */
  /** The system disk was grown (ADR 0026). */
  public void setSystemDiskGiB(String id, int gib) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET system_disk_gib = :g, updated_at = :t WHERE id = :id").bind("g", gib)
          .bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  /** The VM's system disk is on {@code storageClusterId} now (null: its cluster's default; ADR 0028). */
  public void setSystemStorageCluster(String id, String storageClusterId) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET system_storage_cluster_id = :s, updated_at = :t WHERE id = :id")
          .bind("s", storageClusterId).bind("t", Rows.now()).bind("id", id).execute();
      changed(h);
    });
  }

  public void setMaxCpu(String id, int maxCpu) {
    jdbi.useHandle(h -> {
      h.createUpdate("UPDATE vms SET max_cpu = :m WHERE id = :id").bind("m", maxCpu).bind("id", id).execute();
      changed(h);
    });
  }

  private static VmRecord map(java.sql.ResultSet rs) throws java.sql.SQLException {
    Vm vm = new Vm(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        VmState.valueOf(rs.getString("state")), rs.getString("state_reason"), rs.getString("cluster_id"),
        rs.getString("node_id"), rs.getString("image_id"), rs.getString("spec_id"), rs.getInt("cpu"),
        rs.getInt("memory_gib"), rs.getInt("system_disk_gib"), BootMode.valueOf(rs.getString("boot_mode")),
        Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"), HaMode.valueOf(rs.getString("ha_mode")),
        List.of(), rs.getString("hostname"), CpuMode.valueOf(rs.getString("cpu_mode")),
        (Integer) rs.getObject("max_cpu", Integer.class), rs.getString("system_storage_cluster_id"),
        rs.getString("os_type") == null ? null : dev.vireo.api.model.OsType.valueOf(rs.getString("os_type")),
        rs.getString("cdrom_image_id"), rs.getString("region_id"));
    String dns = rs.getString("dns_servers");
    return new VmRecord(vm, rs.getString("vnc_password"), dns == null ? List.of() : List.of(dns.split(",")),
        rs.getString("password_hash"));
  }
}
