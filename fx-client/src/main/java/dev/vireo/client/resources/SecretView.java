package dev.vireo.client.resources;

import dev.vireo.client.app.Messages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The dialog that shows a {@link OneTimeSecret} once (ADR 0051): a warning that it is never shown
 * again (id {@code secret-warning}), the identifier and the secret in read-only fields that can be
 * selected (ids {@code secret-id}, {@code secret-value}), a button that copies the secret to the
 * clipboard ({@code secret-copy}) and one that closes ({@code secret-close}); closing drops the text.
 */
public final class SecretView extends VBox {
  private final TextField value = new TextField();
  private final Label copied = new Label();

  public SecretView(OneTimeSecret secret, Messages text, Runnable close) {
    super(10);
    setPadding(new Insets(16));
    getStyleClass().add("secret-dialog");
    Label warning = new Label(text.get("resources.secret.warning"));
    warning.setId("secret-warning");
    warning.setWrapText(true);
    warning.setMaxWidth(520);
    warning.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");
    TextField id = readOnly(secret.id(), "secret-id");
    value.setText(secret.secret());
    value.setId("secret-value");
    value.setEditable(false);
    value.setPrefColumnCount(44);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    grid.addRow(0, new Label(text.get(secret.idLabelKey())), id);
    grid.addRow(1, new Label(text.get("resources.secret.label")), value);
    Button copy = new Button(text.get("resources.secret.copy"));
    copy.setId("secret-copy");
    copy.setOnAction(e -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(value.getText());
      javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
      copied.setText(text.get("resources.secret.copied"));
    });
    copied.setId("secret-copied");
    Button done = new Button(text.get("resources.secret.close"));
    done.setId("secret-close");
    done.setDefaultButton(true);
    done.setOnAction(e -> {
      value.clear();
      id.clear();
      close.run();
    });
    HBox buttons = new HBox(8, copied, copy, done);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    getChildren().addAll(warning, grid, buttons);
  }

  private static TextField readOnly(String text, String nodeId) {
    TextField f = new TextField(text);
    f.setId(nodeId);
    f.setEditable(false);
    f.setPrefColumnCount(44);
    return f;
  }

  /** The secret as shown (empty once closed). */
  public String secretText() {
    return value.getText();
  }

  /** Opens the dialog over {@code owner} (may be null); the window's close button drops the text too. */
  public static Stage open(String title, OneTimeSecret secret, Messages text, Window owner) {
    Stage stage = new Stage();
    stage.setTitle(title);
    if (owner != null) {
      stage.initOwner(owner);
      stage.initModality(Modality.WINDOW_MODAL);
    }
    SecretView view = new SecretView(secret, text, stage::close);
    stage.setOnHidden(e -> view.value.clear());
    stage.setScene(new Scene(view));
    stage.show();
    return stage;
  }
}
