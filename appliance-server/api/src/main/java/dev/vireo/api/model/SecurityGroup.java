package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A security group: a named list of rules; no rules drops everything (ADR 0018). {@code regionId}:
 * the region it belongs to (ADR 0047); only NICs of VMs in that region carry it.
 */
public record SecurityGroup(String id, String name, String description, List<SecurityGroupRule> rules,
    Instant createdAt, String regionId) {
  /** Without a region (read from a server before ADR 0047). */
  public SecurityGroup(String id, String name, String description, List<SecurityGroupRule> rules, Instant createdAt) {
    this(id, name, description, rules, createdAt, null);
  }
}
