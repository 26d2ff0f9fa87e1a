package dev.vireo.client.resources;

import dev.vireo.client.app.Messages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The dialog of a {@link FormModel}: a label, an input (text field or choice box, id
 * {@code form-<name>}) and the server's complaint about it (id {@code form-<name>-error}) per field,
 * the failure that names no field, and submit/cancel; it closes when the server accepts.
 */
public final class FormView extends VBox {
  private final FormModel model;

  public FormView(FormModel model, Messages text, Runnable close) {
    super(10);
    this.model = model;
    setPadding(new Insets(16));
    getStyleClass().add("resource-form");
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(4);
    int row = 0;
    for (FormField f : model.fields()) {
      Label label = new Label(text.get(f.labelKey()) + (f.required() ? " *" : ""));
      grid.add(label, 0, row);
      grid.add(input(f), 1, row);
      Label error = new Label();
      error.setId("form-" + f.name() + "-error");
      error.getStyleClass().add("error-text");
      error.setStyle("-fx-text-fill: #b3261e;");
      error.setWrapText(true);
      error.setMaxWidth(360);
      error.textProperty().bind(f.errorProperty());
      grid.add(error, 2, row);
      row++;
    }
    Label error = new Label();
    error.setId("form-error");
    error.setStyle("-fx-text-fill: #b3261e;");
    error.setWrapText(true);
    error.textProperty().bind(model.errorProperty());
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(model.busyProperty());
    Button submit = new Button(text.get("resources.form.submit"));
    submit.setId("form-submit");
    submit.setDefaultButton(true);
    submit.disableProperty().bind(model.busyProperty());
    submit.setOnAction(e -> model.submit());
    Button cancel = new Button(text.get("resources.form.cancel"));
    cancel.setId("form-cancel");
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> close.run());
    HBox buttons = new HBox(8, busy, submit, cancel);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    getChildren().addAll(grid, error, buttons);
    model.doneProperty().addListener((o, was, now) -> {
      if (now) {
        close.run();
      }
    });
  }

  /** The input of one field: a choice box or a text field, bound to it. */
  public static javafx.scene.Node input(FormField f) {
    if (f.multi()) {
      return checkBoxes(f);
    }
    if (f.isChoice()) {
      ComboBox<Choice> box = new ComboBox<>(f.choices());
      box.setId("form-" + f.name());
      box.setPrefWidth(260);
      Runnable select = () -> box.setValue(f.choices().stream().filter(c -> c.value().equals(f.valueProperty().get()))
          .findFirst().orElse(null));
      f.choices().addListener((javafx.collections.ListChangeListener<Choice>) c -> select.run());
      f.valueProperty().addListener((o, was, now) -> select.run());
      select.run();
      box.valueProperty().addListener((o, was, now) -> {
        if (now != null) {
          f.valueProperty().set(now.value());
        }
      });
      return box;
    }
    TextField field = f.secret() ? new javafx.scene.control.PasswordField() : new TextField();
    field.setId("form-" + f.name());
    field.setPrefWidth(260);
    field.textProperty().bindBidirectional(f.valueProperty());
    return field;
  }

  /**
   * A multi-choice: one check box per choice (id {@code form-<name>-<n>}, the n-th choice) in a
   * scrolled column (id {@code form-<name>}), kept in step with the field's value.
   */
  private static javafx.scene.Node checkBoxes(FormField f) {
    VBox boxes = new VBox(4);
    Runnable build = () -> {
      boxes.getChildren().clear();
      for (int i = 0; i < f.choices().size(); i++) {
        Choice c = f.choices().get(i);
        javafx.scene.control.CheckBox box = new javafx.scene.control.CheckBox(c.text());
        box.setId("form-" + f.name() + "-" + i);
        box.setUserData(c.value());
        box.setSelected(f.chosen().contains(c.value()));
        box.selectedProperty().addListener((o, was, now) -> f.choose(c.value(), now));
        boxes.getChildren().add(box);
      }
    };
    f.choices().addListener((javafx.collections.ListChangeListener<Choice>) c -> build.run());
    f.valueProperty().addListener((o, was, now) -> boxes.getChildren().forEach(n ->
        ((javafx.scene.control.CheckBox) n).setSelected(f.chosen().contains((String) n.getUserData()))));
    build.run();
    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(boxes);
    scroll.setId("form-" + f.name());
    scroll.setPrefViewportHeight(200);
    scroll.setPrefViewportWidth(260);
    scroll.setFitToWidth(true);
    return scroll;
  }

  public FormModel model() {
    return model;
  }

  /** Opens the form in a window of its own over {@code owner} (may be null). */
  public static Stage open(FormModel model, Messages text, Window owner) {
    Stage stage = new Stage();
    stage.setTitle(model.title());
    if (owner != null) {
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
    FormView view = new FormView(model, text, stage::close);
    stage.setScene(new Scene(view));
    stage.show();
    return stage;
  }
}
