package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DataDiskDefinition;
import java.util.List;

/**
 * What the VM side needs of the data disks (ADR 0021), implemented by the storage package: the
 * disks every definition of a VM carries, and what becomes of them when the VM is deleted.
 */
public interface VmDataDisks {
  /** No data disks (a server assembled without them). */
  VmDataDisks NONE = new VmDataDisks() {
    @Override
    public List<DataDiskDefinition> definitions(String vmId) {
      return List.of();
    }

    @Override
    public void vmDeleted(String vmId, boolean deleteDisks) {}
  };

  /** The VM's data disks in target order: attached, and being attached, detached or expanded. */
  List<DataDiskDefinition> definitions(String vmId);

  /**
   * The VM's domain is gone: its disks are detached and AVAILABLE again or, with {@code deleteDisks},
   * their volumes are removed and they are DELETED. Idempotent (a job step).
   */
  void vmDeleted(String vmId, boolean deleteDisks) throws Exception;
}
