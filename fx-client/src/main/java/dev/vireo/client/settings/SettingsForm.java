package dev.vireo.client.settings;

import dev.vireo.api.client.ApiException;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One settings form, toolkit-free: its fields ({@link FormField}, named like the request's fields so
 * a 4xx naming one shows next to it), the current values read from the server ({@link #load}) and
 * the save ({@link #save}); both run off the UI thread. Unlike a create dialog it stays open: a
 * save shows a notice and the values the server answered; a refusal shows next to its field or
 * under the form, and the form keeps what was typed.
 */
public final class SettingsForm {
  /** What a save answered: the values to show now (may be partial) and the notice (null: "saved"). */
  public record Saved(Map<String, String> values, String notice) {}

  private final String id;
  private final String titleKey;
  private final String actionKey;
  private final List<FormField> fields;
  private final Set<String> switches;
  private final Callable<Map<String, String>> read;
  private final Function<FormValues, Saved> write;
  private final Background io;
  private final Messages text;
  private final StringProperty error = new SimpleStringProperty("");
  private final StringProperty notice = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final BooleanProperty loaded = new SimpleBooleanProperty();
  private Runnable onSaved = () -> {};

  /**
   * {@code switches} names the on/off fields (values "true"/"false"); {@code read} may be null for a
   * form that only sends (the test mail).
   */
  public SettingsForm(String id, String titleKey, String actionKey, List<FormField> fields, Set<String> switches,
      Callable<Map<String, String>> read, Function<FormValues, Saved> write, Background io, Messages text) {
    this.id = id;
    this.titleKey = titleKey;
    this.actionKey = actionKey;
    this.fields = List.copyOf(fields);
    this.switches = Set.copyOf(switches);
    this.read = read;
    this.write = write;
    this.io = io;
    this.text = text;
  }

  /** Reads the current values from the server (nothing when the form has no read). */
  public void load() {
    if (read == null) {
      loaded.set(true);
      return;
    }
    io.call(read, values -> {
      fill(values);
      error.set("");
      loaded.set(true);
    }, e -> error.set(text.get("settings.loadFailed", reason(e))));
  }

  /** Sends the values; false when a required field is blank or a save is in flight. */
  public boolean save() {
    if (busy.get()) {
      return false;
    }
    error.set("");
    notice.set("");
    Map<String, String> values = new LinkedHashMap<>();
    boolean ok = true;
    for (FormField f : fields) {
      f.errorProperty().set("");
      String v = f.valueProperty().get();
      if (f.required() && (v == null || v.isBlank())) {
        f.errorProperty().set(text.get("resources.form.required"));
        ok = false;
      }
      values.put(f.name(), v);
    }
    if (!ok) {
      return false;
    }
    busy.set(true);
    FormValues form = new FormValues(values);
    io.call(() -> write.apply(form), saved -> {
      busy.set(false);
      fill(saved.values());
      notice.set(saved.notice() == null ? text.get("settings.saved") : saved.notice());
      onSaved.run();
    }, this::refused);
    return true;
  }

  private void fill(Map<String, String> values) {
    if (values == null) {
      return;
    }
    for (FormField f : fields) {
      if (values.containsKey(f.name())) {
        String v = values.get(f.name());
        f.valueProperty().set(v == null ? "" : v);
      }
    }
  }

  private void refused(Throwable e) {
    busy.set(false);
    if (e instanceof FormValues.FieldException fe && field(fe.field()) != null) {
      field(fe.field()).errorProperty().set(text.get(fe.getMessage()));
    } else if (e instanceof ApiException a && a.field() != null && field(a.field()) != null) {
      field(a.field()).errorProperty().set(a.detail());
    } else {
      error.set(reason(e));
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof ApiException a) {
      return a.detail();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The field of that name (or that a refusal names), or null. */
  public FormField field(String name) {
    if (name == null) {
      return null;
    }
    return fields.stream().filter(f -> f.name().equals(name) || name.endsWith("." + f.name())).findFirst()
        .orElse(null);
  }

  /** Runs on the UI executor after each accepted save. */
  public SettingsForm onSaved(Runnable action) {
    this.onSaved = action;
    return this;
  }

  /** Whether the field is an on/off switch. */
  public boolean isSwitch(FormField f) {
    return switches.contains(f.name());
  }

  /** Its id in the view: {@code settings-<id>-<field>}, {@code settings-<id>-save}. */
  public String id() {
    return id;
  }

  public String titleKey() {
    return titleKey;
  }

  /** The key of the save button's text. */
  public String actionKey() {
    return actionKey;
  }

  public List<FormField> fields() {
    return fields;
  }

  /** A failure that names no field (or the failure to read the values); empty when none. */
  public StringProperty errorProperty() {
    return error;
  }

  /** What the last save answered ("Saved."); empty while nothing was saved. */
  public StringProperty noticeProperty() {
    return notice;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /** True once the current values were read. */
  public BooleanProperty loadedProperty() {
    return loaded;
  }
}
