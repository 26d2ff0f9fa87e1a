package dev.vireo.api.model;

import java.util.List;

/** Creates a security group, or (PUT) replaces its name, description and rules. */
public record CreateSecurityGroupRequest(String name, String description, List<SecurityGroupRule> rules) {}
