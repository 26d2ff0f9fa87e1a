package dev.vireo.client;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop client's entry window. The full client (login, dashboards, console) is built on
 * the same SDK as the CLI in a later milestone; this window proves the toolkit starts.
 */
public final class VireoDesktopApp extends Application {
  @Override
  public void start(Stage stage) {
    Label title = new Label("Vireo");
    title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
    Label subtitle = new Label("Lightweight KVM virtualization platform");
    VBox root = new VBox(12, title, subtitle);
    root.setAlignment(Pos.CENTER);
    root.setPadding(new Insets(32));
    stage.setTitle("Vireo");
    stage.setScene(new Scene(root, 640, 400));
    stage.show();
  }
}
