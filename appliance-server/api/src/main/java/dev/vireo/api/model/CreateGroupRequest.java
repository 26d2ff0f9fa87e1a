package dev.vireo.api.model;

import java.util.List;

/** Body of {@code POST /api/v1/groups}; {@code nodeIds} only for a NODE group (defaults to none). */
public record CreateGroupRequest(
    String name,
    GroupKind kind,
    GroupRelation relation,
    GroupStrictness strictness,
    List<String> nodeIds) {}
