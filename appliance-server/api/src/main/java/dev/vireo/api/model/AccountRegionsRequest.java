package dev.vireo.api.model;

import java.util.List;

/** Body of {@code PUT /api/v1/accounts/{id}/regions}: the regions a REGION account is authorised for. */
public record AccountRegionsRequest(List<String> regionIds) {}
