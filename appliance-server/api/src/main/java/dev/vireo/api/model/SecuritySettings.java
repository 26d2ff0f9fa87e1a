package dev.vireo.api.model;

/**
 * Console security (white paper 7.1): login-failure lockout, password rules and expiry, idle
 * logout and single-session login. The same record is the body of the PUT.
 */
public record SecuritySettings(boolean lockoutEnabled, int lockoutThreshold, int lockoutMinutes,
    int passwordMinLength, int passwordMaxLength, int passwordMinCharClasses, int passwordExpiryDays,
    boolean forceChangeOnExpiry, boolean forceChangeNonCompliant, int idleTimeoutMinutes, boolean singleSession) {

  /** The defaults of a new installation: lock 30 min after 5 failures, 90-day expiry, 30-min idle logout. */
  public static final SecuritySettings DEFAULTS = new SecuritySettings(true, 5, 30, 8, 30, 2, 90, true, true, 30, false);
}
