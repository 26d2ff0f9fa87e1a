package dev.vireo.client.resources;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One field of a {@link FormModel}: {@code name} is the request field the server names in a 4xx
 * ({@code ApiError.field}), so its message shows next to this field; a choice field offers
 * {@link #choices()} (loaded by {@code options} when the form opens), a text field takes any text.
 */
public final class FormField {
  private final String name;
  private final String labelKey;
  private final boolean required;
  private final Callable<List<Choice>> options;
  private final StringProperty value = new SimpleStringProperty("");
  private final StringProperty error = new SimpleStringProperty("");
  private final ObservableList<Choice> choices = FXCollections.observableArrayList();
  private boolean secret;
  private boolean multi;

  private FormField(String name, String labelKey, boolean required, Callable<List<Choice>> options, String initial) {
    this.name = name;
    this.labelKey = labelKey;
    this.required = required;
    this.options = options;
    this.value.set(initial == null ? "" : initial);
  }

  /** A text field, blank at first. */
  public static FormField text(String name, String labelKey, boolean required) {
    return new FormField(name, labelKey, required, null, "");
  }

  /** A text field with a first value. */
  public static FormField text(String name, String labelKey, boolean required, String initial) {
    return new FormField(name, labelKey, required, null, initial);
  }

  /** A text field whose input is hidden as typed (a password). */
  public static FormField secret(String name, String labelKey, boolean required) {
    FormField f = new FormField(name, labelKey, required, null, "");
    f.secret = true;
    return f;
  }

  /** Whether its input is hidden as typed. */
  public boolean secret() {
    return secret;
  }

  /** A choice among {@code options} (called off the UI thread); the value is the chosen {@link Choice#value()}. */
  public static FormField choice(String name, String labelKey, boolean required, Callable<List<Choice>> options) {
    return new FormField(name, labelKey, required, options, "");
  }

  /** A choice among fixed options, the first chosen. */
  public static FormField fixed(String name, String labelKey, List<Choice> options) {
    FormField f = new FormField(name, labelKey, true, () -> options, options.isEmpty() ? "" : options.get(0).value());
    f.choices.setAll(options);
    return f;
  }

  /**
   * A choice of any number among {@code options} (called off the UI thread), {@code initial} chosen
   * at first; the value is the chosen {@link Choice#value() values} joined by commas, in the options'
   * order ({@link FormValues#words} splits it again).
   */
  public static FormField multi(String name, String labelKey, boolean required, Callable<List<Choice>> options,
      List<String> initial) {
    FormField f = new FormField(name, labelKey, required, options, String.join(",", initial));
    f.multi = true;
    return f;
  }

  /** Whether any number of its choices may be chosen (check boxes, not one choice box). */
  public boolean multi() {
    return multi;
  }

  /** The values chosen of a {@link #multi} field. */
  public List<String> chosen() {
    String v = value.get();
    return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
  }

  /** Chooses ({@code on}) or drops one value of a {@link #multi} field; the options' order is kept. */
  public void choose(String choice, boolean on) {
    java.util.Set<String> now = new java.util.LinkedHashSet<>(chosen());
    if (on) {
      now.add(choice);
    } else {
      now.remove(choice);
    }
    List<String> ordered = new java.util.ArrayList<>(choices.stream().map(Choice::value).filter(now::contains).toList());
    now.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
    value.set(String.join(",", ordered));
  }

  public String name() {
    return name;
  }

  public String labelKey() {
    return labelKey;
  }

  public boolean required() {
    return required;
  }

  public boolean isChoice() {
    return options != null;
  }

  Callable<List<Choice>> options() {
    return options;
  }

  /** The text typed, or the chosen option's value. */
  public StringProperty valueProperty() {
    return value;
  }

  /** The server's (or the form's own) complaint about this field; empty when none. */
  public StringProperty errorProperty() {
    return error;
  }

  public ObservableList<Choice> choices() {
    return choices;
  }

  /** Whether a 4xx naming {@code field} is about this one ({@code rules[0].protocol} is about {@code protocol}). */
  boolean names(String field) {
    if (field == null) {
      return false;
    }
    if (field.equals(name)) {
      return true;
    }
    int dot = field.lastIndexOf('.');
    return dot >= 0 && field.substring(dot + 1).equals(name);
  }
}
