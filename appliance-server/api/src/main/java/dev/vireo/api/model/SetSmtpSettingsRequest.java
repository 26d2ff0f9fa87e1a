package dev.vireo.api.model;

/**
 * New SMTP settings. {@code password} null keeps the stored one, "" removes it; {@code port}
 * defaults to 25, 587 or 465 by {@code security} (default STARTTLS), {@code timeoutSeconds} to 10,
 * {@code subjectPrefix} to "[Vireo]" ("" for none).
 */
public record SetSmtpSettingsRequest(
    String host,
    Integer port,
    SmtpSecurity security,
    String username,
    String password,
    String from,
    Integer timeoutSeconds,
    String senderName,
    String subjectPrefix) {

  /** Without sender name and subject prefix: none, and the default "[Vireo]". */
  public SetSmtpSettingsRequest(String host, Integer port, SmtpSecurity security, String username, String password,
      String from, Integer timeoutSeconds) {
    this(host, port, security, username, password, from, timeoutSeconds, null, null);
  }

  /** Without the password: a request may end up in a log line. */
  @Override
  public String toString() {
    return "SetSmtpSettingsRequest[host=" + host + ", port=" + port + ", security=" + security + ", username="
        + username + ", password=" + (password == null ? "null" : "***") + ", from=" + from + ", timeoutSeconds="
        + timeoutSeconds + ", senderName=" + senderName + ", subjectPrefix=" + subjectPrefix + "]";
  }
}
