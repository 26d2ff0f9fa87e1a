package dev.vireo.api.model;

/**
 * Body of {@code PATCH /api/v1/vms/{id}}: new name, description, HA mode and/or CPU mode (null:
 * unchanged); the CPU mode changes only while the VM is STOPPED.
 */
public record UpdateVmRequest(String name, String description, HaMode haMode, CpuMode cpuMode) {

  public UpdateVmRequest(String name, String description, HaMode haMode) {
    this(name, description, haMode, null);
  }

  public UpdateVmRequest(String name, String description) {
    this(name, description, null, null);
  }
}
