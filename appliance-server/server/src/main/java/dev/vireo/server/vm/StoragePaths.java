package dev.vireo.server.vm;

/**
 * Where a storage cluster is mounted on the nodes of its compute cluster, implemented by the
 * storage package: a VM's system disk moved off the storage root (ADR 0028) lives at
 * {@code <path>/vms/<vmId>/system.qcow2}.
 */
@FunctionalInterface
public interface StoragePaths {
  /** Nothing but the storage root (a server assembled without storage clusters). */
  StoragePaths NONE = id -> {
    throw new IllegalStateException("storage cluster " + id + " is unknown (no storage clusters)");
  };

  /** The mount path of the storage cluster; fails for an unknown one. */
  String pathOf(String storageClusterId);
}
