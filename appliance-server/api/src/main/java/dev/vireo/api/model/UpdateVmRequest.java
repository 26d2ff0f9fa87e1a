package dev.vireo.api.model;

/** Body of {@code PATCH /api/v1/vms/{id}}: new name, description and/or HA mode (null: unchanged). */
public record UpdateVmRequest(String name, String description, HaMode haMode) {

  public UpdateVmRequest(String name, String description) {
    this(name, description, null);
  }
}
