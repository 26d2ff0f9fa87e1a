package dev.vireo.server.notify;

import java.util.Map;
import java.util.Objects;

/**
 * What a notification says, independent of how it travels: its kind, a one-line subject, a text,
 * and named fields (resourceType, resourceId, metric, value, severity, state, ...) that a webhook
 * receives as JSON properties or query parameters and an e-mail lists under the text.
 */
public record Notification(Kind kind, String subject, String text, Map<String, String> fields) {
  /** Which part of the platform speaks. */
  public enum Kind {
    ALARM,
    OPERATION,
    EVENT,
    TEST
  }

  public Notification {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    text = text == null ? "" : text;
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  public Notification(Kind kind, String subject, String text) {
    this(kind, subject, text, Map.of());
  }
}
