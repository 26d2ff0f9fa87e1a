package dev.vireo.client.settings;

import dev.vireo.client.app.Messages;
import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The branding images: per kind what the server holds ({@code settings-image-<kind>-status}), a
 * button choosing a file to upload ({@code -upload}), one removing it ({@code -remove}) and the
 * server's refusal ({@code -error}).
 */
final class BrandingImagesView extends VBox {
  BrandingImagesView(BrandingImagesModel model, Messages text) {
    super(8);
    setPadding(new Insets(12));
    Label title = new Label(text.get("settings.images"));
    title.setStyle("-fx-font-weight: bold;");
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    int row = 0;
    for (String kind : BrandingImagesModel.KINDS) {
      grid.add(new Label(text.get("settings.images." + kind)), 0, row);
      Label status = new Label();
      status.setId("settings-image-" + kind + "-status");
      status.textProperty().bind(model.statusProperty(kind));
      grid.add(status, 1, row);
      Button upload = new Button(text.get("settings.images.upload"));
      upload.setId("settings-image-" + kind + "-upload");
      upload.setOnAction(e -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("settings.images.choose", text.get("settings.images." + kind)));
        chooser.getExtensionFilters().add(kind.equals("favicon")
            ? new FileChooser.ExtensionFilter(text.get("settings.images.filter.favicon"), "*.ico", "*.png")
            : new FileChooser.ExtensionFilter(text.get("settings.images.filter.picture"), "*.png", "*.jpg", "*.jpeg"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
          model.upload(kind, file.toPath());
        }
      });
      grid.add(upload, 2, row);
      Button remove = new Button(text.get("settings.images.remove"));
      remove.setId("settings-image-" + kind + "-remove");
      remove.setOnAction(e -> model.remove(kind));
      grid.add(remove, 3, row);
      Label error = new Label();
      error.setId("settings-image-" + kind + "-error");
      error.setStyle("-fx-text-fill: #b3261e;");
      error.setWrapText(true);
      error.setMaxWidth(360);
      error.textProperty().bind(model.errorProperty(kind));
      grid.add(error, 4, row);
      row++;
    }
    Label notice = new Label();
    notice.setId("settings-images-notice");
    notice.setStyle("-fx-text-fill: #2e7d32;");
    notice.textProperty().bind(model.noticeProperty());
    getChildren().addAll(title, grid, notice);
  }
}
