package dev.vireo.client.vms;

import dev.vireo.api.model.Disk;
import dev.vireo.api.model.VmNic;
import dev.vireo.client.app.Messages;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import java.util.function.Function;

/**
 * The selected VM's detail pane: its fields, disks and NICs, its last job with a progress bar
 * bound to it, and a button per action, enabled only when valid for the VM's state.
 */
public final class VmDetailView extends VBox {
  /** {@code charts}: the metric charts of a VM by id, shown in the monitoring tab (rebuilt per VM). */
  public VmDetailView(VmDetailViewModel model, Messages text, Function<String, Node> charts) {
    setSpacing(8);
    setPadding(new Insets(10));
    setMinWidth(300);
    Label title = new Label();
    title.getStyleClass().add("vms-detail-title");
    title.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold;");
    title.textProperty().bind(model.nameProperty());
    GridPane fields = new GridPane();
    fields.setHgap(10);
    fields.setVgap(4);
    row(fields, 0, text.get("vms.detail.id"), model.idProperty());
    row(fields, 1, text.get("vms.detail.state"), model.stateProperty());
    row(fields, 2, text.get("vms.detail.reason"), model.stateReasonProperty());
    row(fields, 3, text.get("vms.detail.node"), model.nodeProperty());
    row(fields, 4, text.get("vms.detail.spec"), model.specProperty());
    row(fields, 5, text.get("vms.detail.image"), model.imageProperty());
    row(fields, 6, text.get("vms.detail.created"), model.createdProperty());
    row(fields, 7, text.get("vms.detail.last-job"), model.lastJobProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("vm-job-progress");
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.progressProperty().bind(model.jobProgressProperty());
    progress.visibleProperty().bind(model.jobRunningProperty());
    progress.managedProperty().bind(progress.visibleProperty());

    FlowPane actions = new FlowPane(6, 6);
    for (VmAction a : VmAction.values()) {
      Button b = new Button(text.get("vms.action." + a.key()));
      b.setId("vm-action-" + a.key());
      b.disableProperty().bind(model.enabledProperty(a).not());
      b.setOnAction(e -> model.perform(a));
      actions.getChildren().add(b);
    }

    ListView<Disk> disks = new ListView<>(model.disks());
    disks.setPrefHeight(90);
    disks.setPlaceholder(new Label(text.get("vms.detail.no-disks")));
    disks.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(Disk d, boolean empty) {
        super.updateItem(d, empty);
        setText(empty || d == null ? null : text.get("vms.detail.disk-value", d.name(), d.target(), d.sizeGiB()));
      }
    });
    ListView<VmNic> nics = new ListView<>(model.nics());
    nics.setPrefHeight(90);
    nics.setPlaceholder(new Label(text.get("vms.detail.no-nics")));
    nics.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(VmNic n, boolean empty) {
        super.updateItem(n, empty);
        setText(empty || n == null ? null : text.get("vms.detail.nic-value", n.networkId(), n.mac(),
            n.ipv4Address() == null ? "" : n.ipv4Address()));
      }
    });
    VBox details = new VBox(8, fields, progress, new Label(text.get("vms.detail.disks")), disks,
        new Label(text.get("vms.detail.nics")), nics);
    Tab detailsTab = new Tab(text.get("vms.detail.tab.details"), details);
    Tab monitoring = new Tab(text.get("vms.detail.tab.monitoring"));
    monitoring.setId("vm-monitoring-tab");
    TabPane tabs = new TabPane(detailsTab, monitoring);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    // the charts of the VM shown, built when the tab is opened and again when another VM is selected
    Runnable charted = () -> monitoring.setContent(monitoring.isSelected() && !model.idProperty().get().isEmpty()
        ? charts.apply(model.idProperty().get()) : null);
    monitoring.selectedProperty().addListener((o, was, now) -> charted.run());
    model.idProperty().addListener((o, was, now) -> charted.run());
    getChildren().addAll(title, actions, tabs);
    visibleProperty().bind(model.vmProperty().isNotNull());
  }

  private static void row(GridPane grid, int row, String name, ObservableStringValue value) {
    Label key = new Label(name);
    key.setStyle("-fx-font-weight: bold;");
    Label v = new Label();
    v.textProperty().bind(value);
    v.setWrapText(true);
    grid.addRow(row, key, v);
  }
}
