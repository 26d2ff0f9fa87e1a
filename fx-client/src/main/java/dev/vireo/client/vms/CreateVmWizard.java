package dev.vireo.client.vms;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.Spec;
import dev.vireo.client.app.Messages;
import dev.vireo.client.vms.CreateVmWizardModel.Field;
import dev.vireo.client.vms.CreateVmWizardModel.Source;
import dev.vireo.client.vms.CreateVmWizardModel.Step;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The create-VM wizard's pages over a {@link CreateVmWizardModel}: the steps on the left, the
 * current page with a red message under each invalid field, and Back / Next / Create / Cancel.
 */
public final class CreateVmWizard extends BorderPane {
  private final CreateVmWizardModel model;
  private final Messages text;
  private final Map<Field, Label> errorLabels = new EnumMap<>(Field.class);
  private final Map<Step, Node> pages = new EnumMap<>(Step.class);

  public CreateVmWizard(CreateVmWizardModel model, Messages text, Runnable close) {
    this.model = model;
    this.text = text;
    setPadding(new Insets(12));
    for (Field f : Field.values()) {
      Label l = new Label();
      l.setStyle("-fx-text-fill: #b3261e;");
      l.setWrapText(true);
      l.managedProperty().bind(l.textProperty().isNotEmpty());
      errorLabels.put(f, l);
    }
    model.errors().addListener((MapChangeListener<Field, String>) c ->
        errorLabels.get(c.getKey()).setText(c.wasAdded() ? c.getValueAdded() : ""));
    pages.put(Step.SPEC, specPage());
    pages.put(Step.SOURCE, sourcePage());
    pages.put(Step.NETWORK, pickPage(model.networks(), model.chosenNetworks(), Network::name, Field.NETWORKS,
        "vms.wizard.networks-hint"));
    pages.put(Step.SECURITY, pickPage(model.securityGroups(), model.chosenSecurityGroups(), SecurityGroup::name,
        Field.SECURITY_GROUPS, "vms.wizard.security-groups-hint"));
    pages.put(Step.GUEST, guestPage());
    pages.put(Step.AVAILABILITY, availabilityPage());

    VBox steps = new VBox(6);
    steps.setPadding(new Insets(0, 16, 0, 0));
    for (Step s : Step.values()) {
      Label l = new Label((s.ordinal() + 1) + ". " + text.get("vms.wizard.step." + s.name()));
      l.styleProperty().bind(javafx.beans.binding.Bindings.when(model.stepProperty().isEqualTo(s))
          .then("-fx-font-weight: bold;").otherwise(""));
      steps.getChildren().add(l);
    }
    setLeft(steps);
    setCenter(pages.get(model.stepProperty().get()));
    model.stepProperty().addListener((o, was, now) -> setCenter(pages.get(now)));

    Label loadError = new Label();
    loadError.textProperty().bind(model.loadErrorProperty());
    Button back = new Button(text.get("vms.wizard.back"));
    back.disableProperty().bind(model.stepProperty().isEqualTo(Step.SPEC));
    back.setOnAction(e -> model.back());
    Button next = new Button(text.get("vms.wizard.next"));
    next.disableProperty().bind(model.stepProperty().isEqualTo(Step.AVAILABILITY));
    next.setOnAction(e -> model.next());
    Button finish = new Button(text.get("vms.wizard.finish"));
    finish.setId("wizard-finish");
    finish.setDefaultButton(true);
    finish.disableProperty().bind(model.submittingProperty());
    finish.setOnAction(e -> model.finish(accepted -> {
      if (!accepted.isEmpty()) {
        close.run();
      }
    }));
    Button cancel = new Button(text.get("vms.wizard.cancel"));
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> close.run());
    Pane spacer = new Pane();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, loadError, spacer, back, next, finish, cancel);
    buttons.setPadding(new Insets(12, 0, 0, 0));
    setBottom(buttons);
  }

  private VBox page(Node... children) {
    VBox box = new VBox(6, children);
    box.setPadding(new Insets(0, 0, 0, 8));
    return box;
  }

  private Label label(String key) {
    return new Label(text.get(key));
  }

  private Node specPage() {
    TextField name = new TextField();
    name.setId("wizard-name");
    name.textProperty().bindBidirectional(model.nameProperty());
    ComboBox<Spec> spec = combo(model.specs(), s -> text.get("vms.wizard.spec-value", s.name(), s.cpu(), s.memoryGiB()));
    spec.valueProperty().bindBidirectional(model.specProperty());
    return page(label("vms.wizard.field.NAME"), name, errorLabels.get(Field.NAME), label("vms.wizard.field.SPEC"),
        spec, errorLabels.get(Field.SPEC));
  }

  private Node sourcePage() {
    ToggleGroup group = new ToggleGroup();
    RadioButton fromImage = new RadioButton(text.get("vms.wizard.source.IMAGE"));
    RadioButton fromDisk = new RadioButton(text.get("vms.wizard.source.DISK"));
    fromImage.setToggleGroup(group);
    fromDisk.setToggleGroup(group);
    fromImage.setSelected(model.sourceProperty().get() == Source.IMAGE);
    fromDisk.setSelected(model.sourceProperty().get() == Source.DISK);
    group.selectedToggleProperty().addListener((o, was, now) ->
        model.sourceProperty().set(now == fromDisk ? Source.DISK : Source.IMAGE));
    ComboBox<Image> image = combo(model.images(), Image::name);
    image.valueProperty().bindBidirectional(model.imageProperty());
    image.disableProperty().bind(model.sourceProperty().isNotEqualTo(Source.IMAGE));
    ComboBox<Disk> disk = combo(model.disks(), d -> text.get("vms.wizard.disk-value", d.name(), d.sizeGiB()));
    disk.valueProperty().bindBidirectional(model.diskProperty());
    disk.disableProperty().bind(model.sourceProperty().isNotEqualTo(Source.DISK));
    ComboBox<BootMode> boot = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(BootMode.values()));
    boot.valueProperty().bindBidirectional(model.bootModeProperty());
    boot.disableProperty().bind(model.sourceProperty().isNotEqualTo(Source.DISK));
    TextField size = new TextField();
    size.setPromptText(text.get("vms.wizard.system-disk-prompt"));
    size.textProperty().addListener((o, was, now) -> {
      try {
        model.systemDiskGiBProperty().set(now.isBlank() ? null : Integer.valueOf(now.strip()));
      } catch (NumberFormatException e) {
        model.systemDiskGiBProperty().set(-1);
      }
    });
    return page(fromImage, image, errorLabels.get(Field.IMAGE), label("vms.wizard.field.SYSTEM_DISK"), size,
        errorLabels.get(Field.SYSTEM_DISK), fromDisk, disk, label("vms.wizard.boot-mode"), boot,
        errorLabels.get(Field.DISK));
  }

  private <T> Node pickPage(ObservableList<T> all, ObservableList<T> chosen, Function<T, String> name, Field field,
      String hintKey) {
    ListView<T> list = new ListView<>(all);
    list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    list.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? null : name.apply(item));
      }
    });
    list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<T>) c ->
        chosen.setAll(list.getSelectionModel().getSelectedItems()));
    return page(label(hintKey), list, errorLabels.get(field));
  }

  private Node guestPage() {
    TextField host = new TextField();
    host.setPromptText(text.get("vms.wizard.hostname-prompt"));
    host.textProperty().bindBidirectional(model.hostnameProperty());
    PasswordField pw = new PasswordField();
    pw.textProperty().bindBidirectional(model.passwordProperty());
    PasswordField again = new PasswordField();
    again.textProperty().bindBidirectional(model.passwordRepeatProperty());
    return page(label("vms.wizard.field.HOSTNAME"), host, errorLabels.get(Field.HOSTNAME),
        label("vms.wizard.field.PASSWORD"), pw, label("vms.wizard.password-repeat"), again,
        errorLabels.get(Field.PASSWORD));
  }

  private Node availabilityPage() {
    ComboBox<HaMode> ha = combo(javafx.collections.FXCollections.observableArrayList(HaMode.values()),
        m -> text.get("vms.ha." + m.name()));
    ha.valueProperty().bindBidirectional(model.haModeProperty());
    Spinner<Integer> count = new Spinner<>(1, CreateVmWizardModel.MAX_COUNT, model.countProperty().get());
    count.setEditable(true);
    count.valueProperty().addListener((o, was, now) -> model.countProperty().set(now == null ? 0 : now));
    CheckBox start = new CheckBox(text.get("vms.wizard.start"));
    start.selectedProperty().bindBidirectional(model.startProperty());
    return page(label("vms.wizard.ha-mode"), ha, label("vms.wizard.field.COUNT"), count, errorLabels.get(Field.COUNT),
        start);
  }

  private static <T> ComboBox<T> combo(ObservableList<T> items, Function<T, String> name) {
    ComboBox<T> box = new ComboBox<>(items);
    box.setMaxWidth(Double.MAX_VALUE);
    box.setConverter(new StringConverter<>() {
      @Override
      public String toString(T t) {
        return t == null ? "" : name.apply(t);
      }

      @Override
      public T fromString(String s) {
        return null;
      }
    });
    return box;
  }
}
