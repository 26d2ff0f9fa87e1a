package dev.vireo.api.model;

import java.util.List;

/**
 * Body of {@code POST /api/v1/groups}; {@code nodeIds} only for a NODE group (defaults to none);
 * {@code regionId}: the region it belongs to (defaults to the default region; ADR 0047).
 */
public record CreateGroupRequest(
    String name,
    GroupKind kind,
    GroupRelation relation,
    GroupStrictness strictness,
    List<String> nodeIds,
    String regionId) {
  /** In the default region. */
  public CreateGroupRequest(String name, GroupKind kind, GroupRelation relation, GroupStrictness strictness,
      List<String> nodeIds) {
    this(name, kind, relation, strictness, nodeIds, null);
  }
}
