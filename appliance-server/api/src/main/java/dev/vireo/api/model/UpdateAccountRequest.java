package dev.vireo.api.model;

import java.util.List;

/** Body of {@code PATCH /api/v1/accounts/{id}}: absent fields keep their value. */
public record UpdateAccountRequest(String email, String displayName, AccountScope scope, Boolean readOnly,
    List<String> roleIds) {}
