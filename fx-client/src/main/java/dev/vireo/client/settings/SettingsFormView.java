package dev.vireo.client.settings;

import dev.vireo.client.app.Messages;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A {@link SettingsForm} on screen: per field a label, an input (id {@code settings-<form>-<field>};
 * a check box for a switch, else {@link FormView#input}'s text field or choice box) and the
 * server's complaint (id {@code settings-<form>-<field>-error}); then the save button
 * ({@code settings-<form>-save}), the notice ({@code -notice}) and the failure naming no field ({@code -error}).
 */
final class SettingsFormView extends VBox {
  SettingsFormView(SettingsForm form, Messages text) {
    super(8);
    setPadding(new Insets(12));
    getStyleClass().add("settings-form");
    Label title = new Label(text.get(form.titleKey()));
    title.getStyleClass().add("settings-form-title");
    title.setStyle("-fx-font-weight: bold;");
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(4);
    int row = 0;
    for (FormField f : form.fields()) {
      grid.add(new Label(text.get(f.labelKey()) + (f.required() ? " *" : "")), 0, row);
      Node input = form.isSwitch(f) ? checkBox(f) : FormView.input(f);
      input.setId("settings-" + form.id() + "-" + f.name());
      grid.add(input, 1, row);
      Label error = new Label();
      error.setId("settings-" + form.id() + "-" + f.name() + "-error");
      error.setStyle("-fx-text-fill: #b3261e;");
      error.setWrapText(true);
      error.setMaxWidth(360);
      error.textProperty().bind(f.errorProperty());
      grid.add(error, 2, row);
      row++;
    }
    ProgressIndicator busy = new ProgressIndicator();
    busy.setPrefSize(18, 18);
    busy.visibleProperty().bind(form.busyProperty());
    Button save = new Button(text.get(form.actionKey()));
    save.setId("settings-" + form.id() + "-save");
    save.disableProperty().bind(form.busyProperty());
    save.setOnAction(e -> form.save());
    Label notice = new Label();
    notice.setId("settings-" + form.id() + "-notice");
    notice.setStyle("-fx-text-fill: #2e7d32;");
    notice.textProperty().bind(form.noticeProperty());
    Label error = new Label();
    error.setId("settings-" + form.id() + "-error");
    error.setStyle("-fx-text-fill: #b3261e;");
    error.setWrapText(true);
    error.textProperty().bind(form.errorProperty());
    HBox buttons = new HBox(8, save, busy, notice);
    buttons.setAlignment(Pos.CENTER_LEFT);
    getChildren().addAll(title, grid, buttons, error);
  }

  private static CheckBox checkBox(FormField f) {
    CheckBox box = new CheckBox();
    box.setSelected("true".equals(f.valueProperty().get()));
    f.valueProperty().addListener((o, was, now) -> box.setSelected("true".equals(now)));
    box.selectedProperty().addListener((o, was, now) -> f.valueProperty().set(String.valueOf(now)));
    return box;
  }
}
