package dev.vireo.api.model;

import java.util.List;

/**
 * Creates a security group, or (PUT) replaces its name, description and rules. {@code regionId}:
 * the region it belongs to, given at create only (defaults to the default region; ADR 0047).
 */
public record CreateSecurityGroupRequest(String name, String description, List<SecurityGroupRule> rules,
    String regionId) {
  /** In the default region (or, for PUT, keeping its region). */
  public CreateSecurityGroupRequest(String name, String description, List<SecurityGroupRule> rules) {
    this(name, description, rules, null);
  }
}
