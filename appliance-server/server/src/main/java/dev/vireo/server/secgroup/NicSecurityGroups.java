package dev.vireo.server.secgroup;

import dev.vireo.api.model.SecurityGroup;
import dev.vireo.server.http.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Which security groups a VM NIC carries, in evaluation order (table {@code vm_nic_security_groups},
 * ADR 0018). Names given by users are resolved to ids here, once: a renamed group stays attached.
 */
public final class NicSecurityGroups {
  /** Groups per NIC. The white paper sets no limit; five keeps a NIC's rules readable in the tester. */
  public static final int MAX_PER_NIC = 5;

  private final SecurityGroupStore groups;
  private final LongSupplier inventoryVersion;
  private final Map<Key, Cached> nics = new ConcurrentHashMap<>();

  private record Key(String vm, int index) {}

  private record Cached(long version, Optional<Nic> nic) {}

  /**
   * @param inventoryVersion moves after every committed write to VMs and their NICs (VmStore's
   *     version): a NIC read for the packet tester is reused while it has not moved
   */
  public NicSecurityGroups(SecurityGroupStore groups, LongSupplier inventoryVersion) {
    this.groups = groups;
    this.inventoryVersion = inventoryVersion;
  }

  /**
   * NIC {@code index} of the VM (id or name) for the packet tester, from a cache valid for one
   * inventory version: stored only when the version did not move while it was read, so a reader
   * never gets a NIC older than the last committed change (the rule of VmListCache).
   */
  public Optional<Nic> nicCached(String vm, int index) {
    Key key = new Key(vm, index);
    long before = inventoryVersion.getAsLong();
    Cached c = nics.get(key);
    if (c != null && c.version() == before) {
      return c.nic();
    }
    Optional<Nic> nic = groups.jdbi().withHandle(h -> nic(h, vm, index));
    if (inventoryVersion.getAsLong() == before) {
      if (nics.size() > 10_000) {
        nics.clear();
      }
      nics.put(key, new Cached(before, nic));
    }
    return nic;
  }

  /**
   * The ids of the groups named in {@code keys} (ids or names), in order; null is none. 422 naming
   * {@code field[i]} for an unknown or repeated group, {@code field} for more than {@link #MAX_PER_NIC}.
   */
  public List<String> resolve(String field, List<String> keys) {
    return resolve(field, keys, null);
  }

  /** As {@link #resolve(String, List)}, and every group lies in {@code regionId} (the VM's; ADR 0047), else 422. */
  public List<String> resolve(String field, List<String> keys, String regionId) {
    if (keys == null) {
      return List.of();
    }
    if (keys.size() > MAX_PER_NIC) {
      throw ApiException.invalid(field, "at most " + MAX_PER_NIC + " security groups per NIC (got " + keys.size() + ")");
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      SecurityGroup g = key == null || key.isBlank() ? null : groups.resolve(key.strip()).orElse(null);
      if (g == null) {
        throw ApiException.invalid(field + "[" + i + "]", "security group '" + key + "' does not exist");
      }
      if (!seen.add(g.id())) {
        throw ApiException.invalid(field + "[" + i + "]", "security group " + g.name() + " is given twice");
      }
      if (regionId != null && g.regionId() != null && !regionId.equals(g.regionId())) {
        throw ApiException.invalid(field + "[" + i + "]", "security group " + g.name() + " lies in region "
            + g.regionId() + ", not in the VM's region " + regionId);
      }
      ids.add(g.id());
    }
    return List.copyOf(ids);
  }

  /** Replaces the groups of NIC {@code index} of the VM inside the caller's transaction; returns the old ids. */
  public static List<String> set(Handle h, String vmId, int index, List<String> ids) {
    List<String> old = of(h, vmId, index);
    h.createUpdate("DELETE FROM vm_nic_security_groups WHERE vm_id = :v AND nic_index = :i").bind("v", vmId)
        .bind("i", index).execute();
    for (int place = 0; place < ids.size(); place++) {
      h.createUpdate("INSERT INTO vm_nic_security_groups (vm_id, nic_index, place, security_group_id)"
              + " VALUES (:v, :i, :p, :g)")
          .bind("v", vmId).bind("i", index).bind("p", place).bind("g", ids.get(place)).execute();
    }
    return old;
  }

  /** A VM NIC and its group ids in order (empty: unfiltered). */
  public record Nic(String vmId, int index, List<String> securityGroups) {}

  /** The NIC {@code index} of the VM (by id or name), if both exist. */
  public static java.util.Optional<Nic> nic(Handle h, String vm, int index) {
    java.util.Optional<String> vmId = h.createQuery("SELECT n.vm_id FROM vm_nics n JOIN vms v ON v.id = n.vm_id"
            + " WHERE n.nic_index = :i AND (v.id = :k OR v.name = :k) AND v.state <> 'DELETED'"
            + " ORDER BY CASE WHEN v.id = :k THEN 0 ELSE 1 END").bind("i", index).bind("k", vm)
        .mapTo(String.class).findFirst();
    return vmId.map(id -> new Nic(id, index, of(h, id, index)));
  }

  /** The group ids of one NIC, in order. */
  public static List<String> of(Handle h, String vmId, int index) {
    return h.createQuery("SELECT security_group_id FROM vm_nic_security_groups WHERE vm_id = :v AND nic_index = :i"
        + " ORDER BY place").bind("v", vmId).bind("i", index).mapTo(String.class).list();
  }

  /** Names (or ids) of the VMs with a NIC carrying the group, for a 409 that says who holds it. */
  public static List<String> vmsUsing(Handle h, String groupId) {
    return h.createQuery("SELECT DISTINCT v.name, v.id FROM vm_nic_security_groups s JOIN vms v ON v.id = s.vm_id"
            + " WHERE s.security_group_id = :g ORDER BY v.name, v.id").bind("g", groupId)
        .map((rs, c) -> rs.getString(1) + " (" + rs.getString(2) + ")").list();
  }
}
