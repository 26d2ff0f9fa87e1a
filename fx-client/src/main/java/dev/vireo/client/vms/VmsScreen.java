package dev.vireo.client.vms;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Screen;
import javafx.scene.Node;

/**
 * The "VMs" entry of the main window: the VM table with filter, detail pane, context actions, job
 * progress and notifications, create wizard and console, kept current by the server's event
 * stream. The view is built on first use; {@link #shown()} loads the VMs and subscribes to events
 * the first time; {@link #close()} ends the subscription.
 */
public final class VmsScreen implements Screen, AutoCloseable {
  private final AppContext ctx;
  private final VmsViewModel model;
  private VmsView view;

  public VmsScreen(AppContext ctx) {
    this(ctx, new FxDialogService());
  }

  /** With other dialogs (tests confirm without a window). */
  public VmsScreen(AppContext ctx, DialogService dialogs) {
    this.ctx = ctx;
    this.model = new VmsViewModel(new SdkVmApi(ctx.client()), ctx.io(), ctx.ui(), ctx.text(), dialogs);
    model.list().regionProperty().bind(ctx.region().regionIdProperty()); // the region switcher (ADR 0047)
  }

  @Override
  public String titleKey() {
    return "main.nav.vms";
  }

  @Override
  public Node view() {
    if (view == null) {
      view = new VmsView(model, ctx.text(),
          id -> dev.vireo.client.dashboard.MetricChartView.forResource(ctx, "vm", id));
    }
    return view;
  }

  @Override
  public void shown() {
    model.start();
  }

  /** The view-models, for tests and for the main window's status bar (its job tracker). */
  public VmsViewModel model() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
