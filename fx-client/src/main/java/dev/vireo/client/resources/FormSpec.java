package dev.vireo.client.resources;

import dev.vireo.api.model.Accepted;
import java.util.List;
import java.util.function.Function;

/**
 * What a form action asks and sends: its fields and the request built from their values (off the
 * UI thread) — either {@code submit}, answering what was accepted, or {@code revealing}, whose answer
 * also holds a secret the server shows this once ({@link OneTimeSecret}).
 */
public record FormSpec(List<FormField> fields, Function<FormValues, Accepted> submit,
    Function<FormValues, OneTimeSecret> revealing) {

  public FormSpec(List<FormField> fields, Function<FormValues, Accepted> submit) {
    this(fields, submit, null);
  }

  /** A form whose accepted answer carries a secret to show once, after the form closes. */
  public static FormSpec revealing(List<FormField> fields, Function<FormValues, OneTimeSecret> submit) {
    return new FormSpec(fields, null, submit);
  }
}
