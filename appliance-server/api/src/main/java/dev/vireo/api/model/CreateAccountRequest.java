package dev.vireo.api.model;

import java.util.List;

/** Body of {@code POST /api/v1/accounts}; {@code mustChangePassword} defaults to true. */
public record CreateAccountRequest(String email, String displayName, String password, AccountScope scope,
    List<String> regionIds, Boolean readOnly, List<String> roleIds, Boolean mustChangePassword) {}
