package dev.vireo.api.model;

import java.util.List;

/**
 * Body of {@code PUT /api/v1/vms/{id}/nics/{index}/security-groups}: the NIC's security groups (ids
 * or names) in evaluation order, at most 5; an empty list removes its filtering (ADR 0018).
 */
public record SetNicSecurityGroupsRequest(List<String> securityGroups) {}
