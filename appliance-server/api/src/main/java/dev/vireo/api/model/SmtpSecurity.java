package dev.vireo.api.model;

/** How the SMTP connection is protected: not at all, upgraded with STARTTLS, or TLS from the start. */
public enum SmtpSecurity {
  NONE,
  STARTTLS,
  SSL
}
