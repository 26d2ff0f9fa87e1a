package dev.vireo.client.vms;

import dev.vireo.client.app.Messages;
import dev.vireo.client.console.ConsolePane;
import dev.vireo.client.jobs.JobStatusView;
import dev.vireo.client.jobs.JobToastView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;

/**
 * The VM screen: a tool bar (create, refresh), the table beside the detail pane, a status line
 * (live updates, running jobs) and job toasts laid over it; consoles open in windows of their own.
 * Shortcuts: Ctrl+N create, F5 reload, Ctrl+F filter, Delete delete the selected VM.
 */
public final class VmsView extends StackPane {
  private final VmsViewModel model;
  private final Messages text;
  private final VmListView list;

  /** {@code charts}: the metric charts of a VM by id (the detail pane's monitoring tab). */
  public VmsView(VmsViewModel model, Messages text, java.util.function.Function<String, javafx.scene.Node> charts) {
    this.model = model;
    this.text = text;
    this.list = new VmListView(model.list(), model.detail(), text);
    VmDetailView detail = new VmDetailView(model.detail(), text, charts);
    Button create = new Button(text.get("vms.toolbar.create"));
    create.setId("vm-create");
    create.setOnAction(e -> openWizard());
    Button reload = new Button(text.get("vms.toolbar.reload"));
    reload.setOnAction(e -> model.list().load());
    ToolBar bar = new ToolBar(create, reload);
    SplitPane split = new SplitPane(list, detail);
    split.setDividerPositions(0.68);
    Label live = new Label();
    live.textProperty().bind(javafx.beans.binding.Bindings.when(model.liveProperty())
        .then(text.get("vms.status.live")).otherwise(text.get("vms.status.not-live")));
    Pane spacer = new Pane();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox status = new HBox(10, live, spacer, new JobStatusView(model.jobs(), text.get("vms.status.more-jobs")));
    status.setPadding(new Insets(4, 8, 4, 8));
    BorderPane content = new BorderPane(split, bar, null, status, null);
    JobToastView toasts = new JobToastView(model.jobs());
    getChildren().addAll(content, toasts);
    model.detail().setConsoleOpener(this::openConsole);
    sceneProperty().addListener((o, was, now) -> {
      if (now != null) {
        now.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::openWizard);
        now.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> model.list().load());
        now.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
            () -> list.filterField().requestFocus());
      }
    });
    list.table().setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.DELETE) {
        model.detail().perform(VmAction.DELETE);
      }
    });
  }

  /** Opens the create wizard in a window of its own. */
  public void openWizard() {
    CreateVmWizardModel wizard = model.newWizard();
    wizard.load();
    Stage stage = new Stage();
    stage.initModality(Modality.NONE);
    stage.setTitle(text.get("vms.wizard.title"));
    stage.setScene(new Scene(new CreateVmWizard(wizard, text, stage::close), 640, 480));
    if (getScene() != null) {
      stage.initOwner(getScene().getWindow());
    }
    stage.show();
  }

  private void openConsole(String vmName, VmApi.ConsoleConnection c) {
    ConsolePane pane = new ConsolePane(vmName, Path.of(System.getProperty("user.home")), text);
    Stage stage = new Stage();
    stage.setTitle(text.get("vms.console.title", vmName));
    stage.setScene(new Scene(pane, 1024, 800));
    stage.setOnHidden(e -> pane.view().disconnect());
    stage.show();
    try {
      pane.view().connect(c.socket().getInputStream(), c.socket().getOutputStream(), c.socket(), c.password());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public VmListView listView() {
    return list;
  }
}
