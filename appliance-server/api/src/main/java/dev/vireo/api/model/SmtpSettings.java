package dev.vireo.api.model;

/**
 * The mail server e-mail notifications go through; the password is never answered, only whether
 * one is set. {@code host} is null until configured. {@code senderName} is the display name of the
 * From address (null: none); {@code subjectPrefix} starts every subject (white paper 6.3.1).
 */
public record SmtpSettings(
    String host,
    int port,
    SmtpSecurity security,
    String username,
    boolean passwordSet,
    String from,
    int timeoutSeconds,
    String senderName,
    String subjectPrefix) {

  /** Without the sender name and subject prefix (their defaults). */
  public SmtpSettings(String host, int port, SmtpSecurity security, String username, boolean passwordSet, String from,
      int timeoutSeconds) {
    this(host, port, security, username, passwordSet, from, timeoutSeconds, null, null);
  }
}
