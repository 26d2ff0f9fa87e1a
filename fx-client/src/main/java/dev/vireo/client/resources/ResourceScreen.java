package dev.vireo.client.resources;

import dev.vireo.client.app.Screen;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A navigation entry showing one kind of resource: filterable, sortable, paged and kept live by
 * the event stream ({@link ResourceScreenModel}), with a detail pane and the context actions the
 * subclass lists. The view is built on first use; {@link #shown()} loads and subscribes the first
 * time (later visits show the live table as it is); F5 reloads.
 */
public class ResourceScreen<T> implements Screen, dev.vireo.client.main.Refreshable, AutoCloseable {
  private final String id;
  private final String titleKey;
  private final ResourceSession session;
  private final List<ResourceColumn<T>> columns;
  private final List<ResourceColumn<T>> details;
  private final ResourceScreenModel<T> model;
  private final List<java.util.function.Supplier<javafx.scene.Node>> extraTools = new ArrayList<>();
  private ResourceView<T> view;

  /**
   * @param id      the prefix of its node ids, e.g. {@code disks}
   * @param details the detail pane's fields (the columns first, then these)
   * @param name    a resource's name in confirmations and notifications
   */
  protected ResourceScreen(String id, String titleKey, ResourceSession session, ResourceSource<T> source,
      List<ResourceColumn<T>> columns, List<ResourceColumn<T>> details, Function<T, String> name,
      List<ResourceAction<T>> actions) {
    this.id = id;
    this.titleKey = titleKey;
    this.session = session;
    this.columns = List.copyOf(columns);
    List<ResourceColumn<T>> all = new ArrayList<>(columns);
    all.addAll(details);
    this.details = List.copyOf(all);
    this.model = new ResourceScreenModel<>(session, source, item -> searchText(this.columns, item), name, actions);
    session.acquire();
  }

  /** A read-only screen: no actions, the columns in the detail pane. */
  protected ResourceScreen(String id, String titleKey, ResourceSession session, ResourceSource<T> source,
      List<ResourceColumn<T>> columns) {
    this(id, titleKey, session, source, columns, List.of(), item -> "", List.of());
  }

  static <T> String searchText(List<ResourceColumn<T>> columns, T item) {
    return columns.stream().map(c -> Cells.text(c.value().apply(item))).collect(Collectors.joining(" "));
  }

  /** A control for the tool bar (before the filter), built with the view. */
  protected void addTool(java.util.function.Supplier<javafx.scene.Node> tool) {
    extraTools.add(tool);
  }

  @Override
  public String titleKey() {
    return titleKey;
  }

  @Override
  public javafx.scene.Node view() {
    if (view == null) {
      view = new ResourceView<>(id, model, columns, details, extraTools.stream().map(java.util.function.Supplier::get)
          .toList(), session.text());
    }
    return view;
  }

  @Override
  public void shown() {
    model.start();
  }

  @Override
  public void refresh() {
    model.list().load();
  }

  public ResourceScreenModel<T> model() {
    return model;
  }

  protected ResourceSession session() {
    return session;
  }

  @Override
  public void close() {
    model.close();
    session.release();
  }
}
