package dev.vireo.api.model;

/**
 * The mail server e-mail notifications go through; the password is never answered, only whether
 * one is set. {@code host} is null until configured.
 */
public record SmtpSettings(
    String host,
    int port,
    SmtpSecurity security,
    String username,
    boolean passwordSet,
    String from,
    int timeoutSeconds) {}
