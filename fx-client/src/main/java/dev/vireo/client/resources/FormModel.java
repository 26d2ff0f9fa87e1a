package dev.vireo.client.resources;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.model.Accepted;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A create or change dialog's state, toolkit-free: its fields, the request it submits
 * ({@code submit}, off the UI thread), and where a refusal shows — a 4xx naming a field
 * ({@code ApiError.field}) next to that field, any other failure under the form. When the server
 * accepts it, {@code accepted} follows the job and the form is {@link #doneProperty() done}.
 */
public final class FormModel {
  private final String title;
  private final List<FormField> fields;
  private final Function<FormValues, Accepted> submit;
  private final BiConsumer<FormValues, Accepted> accepted;
  private final Background io;
  private final Messages text;
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final BooleanProperty done = new SimpleBooleanProperty();

  public FormModel(String title, List<FormField> fields, Function<FormValues, Accepted> submit,
      BiConsumer<FormValues, Accepted> accepted, Background io, Messages text) {
    this.title = title;
    this.fields = List.copyOf(fields);
    this.submit = submit;
    this.accepted = accepted;
    this.io = io;
    this.text = text;
  }

  /** Loads the choice fields' options; the first option is chosen when none is. */
  public void load() {
    for (FormField f : fields) {
      if (f.isChoice() && f.choices().isEmpty()) {
        io.call(f.options(), list -> {
          f.choices().setAll(list);
          if (f.valueProperty().get().isEmpty() && !list.isEmpty() && f.required() && !f.multi()) {
            f.valueProperty().set(list.get(0).value());
          }
        }, e -> f.errorProperty().set(e.getMessage()));
      }
    }
  }

  /** Checks the required fields and sends the request; false when a field is missing or one is in flight. */
  public boolean submit() {
    if (busy.get() || done.get()) {
      return false;
    }
    error.set("");
    boolean ok = true;
    Map<String, String> values = new LinkedHashMap<>();
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
    io.call(() -> submit.apply(form), a -> {
      busy.set(false);
      done.set(true);
      accepted.accept(form, a);
    }, this::refused);
    return true;
  }

  private void refused(Throwable e) {
    busy.set(false);
    if (e instanceof FormValues.FieldException fe && field(fe.field()) != null) {
      field(fe.field()).errorProperty().set(text.get(fe.getMessage()));
    } else if (e instanceof ApiException a && field(a.field()) != null) {
      field(a.field()).errorProperty().set(a.detail());
    } else if (e instanceof ApiException a) {
      error.set(a.detail());
    } else {
      error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** The field a refusal names, or null. */
  public FormField field(String name) {
    return fields.stream().filter(f -> f.names(name)).findFirst().orElse(null);
  }

  public String title() {
    return title;
  }

  public List<FormField> fields() {
    return fields;
  }

  /** A failure that names no field of the form; empty when none. */
  public StringProperty errorProperty() {
    return error;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  /** True once the server accepted the request (the dialog closes). */
  public BooleanProperty doneProperty() {
    return done;
  }
}
