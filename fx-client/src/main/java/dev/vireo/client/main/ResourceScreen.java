package dev.vireo.client.main;

import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Screen;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;

/**
 * A navigation entry showing one SDK list as a read-only table, reloaded each time it is shown
 * and on F5: the base of the shell's simple screens (nodes, images, networks, jobs, alarms).
 */
public class ResourceScreen<T> implements Screen, Refreshable {
  private final String titleKey;
  private final AppContext ctx;
  private final List<ResourceColumn<T>> columns;
  private final ResourceTableViewModel<T> vm;
  private Node view;

  protected ResourceScreen(String titleKey, AppContext ctx, Callable<List<T>> loader, List<ResourceColumn<T>> columns) {
    this.titleKey = titleKey;
    this.ctx = ctx;
    this.columns = columns;
    this.vm = new ResourceTableViewModel<>(ctx.io(), loader);
  }

  @Override
  public String titleKey() {
    return titleKey;
  }

  @Override
  public Node view() {
    if (view == null) {
      view = new ResourceTableView<>(vm, columns, ctx.text());
    }
    return view;
  }

  @Override
  public void shown() {
    vm.refresh();
  }

  @Override
  public void refresh() {
    vm.refresh();
  }

  /** The view-model (tests). */
  public ResourceTableViewModel<T> viewModel() {
    return vm;
  }
}
