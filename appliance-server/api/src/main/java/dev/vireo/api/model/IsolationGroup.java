package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * An isolation group (white paper 4.2.9): its rule, its chosen nodes (NODE groups), its live member
 * VMs and the region it belongs to ({@code regionId}, ADR 0047).
 */
public record IsolationGroup(
    String id,
    String name,
    GroupKind kind,
    GroupRelation relation,
    GroupStrictness strictness,
    List<String> nodeIds,
    List<String> vmIds,
    Instant createdAt,
    String regionId) {
  /** Without a region (read from a server before ADR 0047). */
  public IsolationGroup(String id, String name, GroupKind kind, GroupRelation relation, GroupStrictness strictness,
      List<String> nodeIds, List<String> vmIds, Instant createdAt) {
    this(id, name, kind, relation, strictness, nodeIds, vmIds, createdAt, null);
  }
}
