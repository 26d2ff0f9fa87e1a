package dev.vireo.tests.support;

import dev.vireo.client.resources.FormView;
import dev.vireo.client.resources.ResourceRow;
import dev.vireo.client.resources.ResourceScreen;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * What the desktop tests do with a {@link ResourceScreen} and its form dialogs, by the node ids the
 * screens give (`#<id>-table`, `#form-<field>`, `#form-submit`). Call the table and form methods on
 * the FX thread; {@link #await} polls there by itself.
 */
public final class ResourceScreenDriver {
  private ResourceScreenDriver() {}

  /** Waits (60 s at most) until {@code done}, run on the FX thread, holds. */
  public static void await(String what, Supplier<Boolean> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!HeadlessFx.call(done::get)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @SuppressWarnings("unchecked")
  public static <T> TableView<ResourceRow<T>> table(ResourceScreen<T> screen, String id) {
    return (TableView<ResourceRow<T>>) screen.view().lookup("#" + id + "-table");
  }

  /** The first row of the screen's table that {@code which} accepts. */
  public static <T> Optional<T> shown(ResourceScreen<T> screen, String id, Predicate<T> which) {
    return table(screen, id).getItems().stream().map(ResourceRow::item).filter(which).findFirst();
  }

  /** Selects the first row that {@code which} accepts; fails when there is none. */
  public static <T> void select(ResourceScreen<T> screen, String id, Predicate<T> which) {
    TableView<ResourceRow<T>> t = table(screen, id);
    t.getSelectionModel().select(t.getItems().stream().filter(r -> which.test(r.item())).findFirst().orElseThrow());
  }

  /** The open form dialog. */
  public static Optional<FormView> form() {
    return Window.getWindows().stream().filter(Window::isShowing).map(Window::getScene)
        .filter(s -> s != null && s.getRoot() instanceof FormView).map(s -> (FormView) s.getRoot()).findFirst();
  }

  public static void type(FormView f, String field, String value) {
    ((TextField) f.lookup("#form-" + field)).setText(value);
  }

  public static void submit(FormView f) {
    ((Button) f.lookup("#form-submit")).fire();
  }
}
