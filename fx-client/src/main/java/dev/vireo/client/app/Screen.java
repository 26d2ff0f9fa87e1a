package dev.vireo.client.app;

import javafx.scene.Node;

/** One entry of the main window's navigation: its title key, its view, and when it is shown or hidden. */
public interface Screen {
  /** A key of {@link Messages}, e.g. {@code nav.vms}. */
  String titleKey();

  /** The view, built once on the FX thread. */
  Node view();

  default void shown() {}

  default void hidden() {}
}
