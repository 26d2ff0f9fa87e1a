package dev.vireo.api.model;

/**
 * Body of {@code POST /api/v1/auth/login}. An account with two-factor authentication also sends
 * {@code totpCode} (the authenticator app's 6 digits) or one of its {@code recoveryCode}s.
 */
public record LoginRequest(String username, String password, String totpCode, String recoveryCode) {
  public LoginRequest(String username, String password) {
    this(username, password, null, null);
  }
}
