package dev.vireo.server.notify;

/** Sends one plain-text mail through the platform's SMTP settings. */
@FunctionalInterface
public interface Mailer {
  /** Null when the mail server took it, else why not (never the SMTP password). */
  String send(String to, String subject, String text, String kind);
}
