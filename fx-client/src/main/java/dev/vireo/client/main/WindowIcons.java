package dev.vireo.client.main;

import dev.vireo.client.login.Branding;
import dev.vireo.client.login.Favicon;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/** The favicon of the branding as the window's icons (all its sizes; the platform picks one). */
final class WindowIcons {
  private WindowIcons() {}

  /** Sets the stage's icons to the branding's favicon; clears them when it has none. */
  static void apply(Stage stage, Branding b) {
    stage.getIcons().setAll(images(b.favicon()));
  }

  static List<Image> images(byte[] ico) {
    List<Image> out = new ArrayList<>();
    for (Favicon.Icon icon : Favicon.icons(ico)) {
      if (icon.png() != null) {
        Image image = new Image(new ByteArrayInputStream(icon.png()));
        if (!image.isError()) {
          out.add(image);
        }
      } else {
        WritableImage image = new WritableImage(icon.width(), icon.height());
        image.getPixelWriter().setPixels(0, 0, icon.width(), icon.height(), PixelFormat.getIntArgbInstance(),
            icon.argb(), 0, icon.width());
        out.add(image);
      }
    }
    return out;
  }
}
