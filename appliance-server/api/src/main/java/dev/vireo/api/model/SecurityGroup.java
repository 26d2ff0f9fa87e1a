package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/** A security group: a named list of rules; no rules drops everything (ADR 0018). */
public record SecurityGroup(String id, String name, String description, List<SecurityGroupRule> rules,
    Instant createdAt) {}
