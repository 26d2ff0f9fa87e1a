package dev.vireo.client.vms;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/** {@link DialogService} with JavaFX alerts. */
public final class FxDialogService implements DialogService {
  @Override
  public boolean confirm(String title, String message) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
    alert.setTitle(title);
    alert.setHeaderText(title);
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }
}
