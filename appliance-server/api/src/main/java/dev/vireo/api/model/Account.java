package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * A platform account (white paper 5.2): logs in by {@code login} (its e-mail; "admin" for the
 * built-in administrator), holds roles, and sees every region (SYSTEM) or its {@code regionIds}.
 */
public record Account(String id, String login, String email, String displayName, AccountScope scope,
    List<String> regionIds, boolean readOnly, AccountState state, boolean builtIn, List<String> roleIds,
    List<String> permissions, boolean mustChangePassword, Instant passwordChangedAt, Instant lockedUntil,
    int failedLogins, Instant createdAt) {}
