package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** An isolation group (white paper 4.2.9): its rule, its chosen nodes (NODE groups) and its live member VMs. */
public record IsolationGroup(
    String id,
    String name,
    GroupKind kind,
    GroupRelation relation,
    GroupStrictness strictness,
    List<String> nodeIds,
    List<String> vmIds,
    Instant createdAt) {}
