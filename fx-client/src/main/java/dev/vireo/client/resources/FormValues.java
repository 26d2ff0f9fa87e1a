package dev.vireo.client.resources;

import java.util.Map;

/** The values of a submitted form, by field name; {@link #integer} refuses what is no whole number. */
public record FormValues(Map<String, String> values) {
  /** The field's text, stripped; null when blank. */
  public String text(String field) {
    String v = values.get(field);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /**
   * The field's words: a {@link FormField#multi} field's chosen values, or a text split at commas,
   * spaces and line breaks ("a, b c" → [a, b, c]); none when blank.
   */
  public java.util.List<String> words(String field) {
    String v = text(field);
    if (v == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  /** The field's whole number, null when blank; a {@link FieldException} when it is not a number. */
  public Integer integer(String field) {
    String v = text(field);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw new FieldException(field, "resources.form.not-a-number");
    }
  }

  /** A field the form itself refuses, with the key of the reason's text. */
  public static final class FieldException extends RuntimeException {
    private final String field;

    public FieldException(String field, String textKey) {
      super(textKey);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
