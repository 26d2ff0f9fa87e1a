package dev.vireo.client.login;

import dev.vireo.client.app.Messages;
import dev.vireo.client.login.LoginViewModel.Step;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The login screen: the server's branding around a card with the connection profile, server URL,
 * user name and password; the certificate fingerprint to accept on a first connect; the error or
 * notice as a sentence. All state lives in {@link LoginViewModel}.
 */
public final class LoginView extends StackPane {
  private final Label title = new Label();
  private final Label description = new Label();
  private final Label copyright = new Label();
  private final Label phone = new Label();
  private final StackPane logo = new StackPane();
  private final VBox card;

  public LoginView(LoginViewModel vm, Messages text) {
    getStyleClass().add("login-view");
    title.setId("login-title");
    title.getStyleClass().add("login-title");
    title.setWrapText(true);
    description.setId("login-description");
    description.getStyleClass().add("login-description-page");
    description.setWrapText(true);
    description.setMaxWidth(420);
    HBox brand = new HBox(12, logo, title);
    brand.setAlignment(Pos.CENTER_LEFT);

    ComboBox<ConnectionProfile> profile = new ComboBox<>(vm.profiles());
    profile.setId("login-profile");
    profile.setPromptText(text.get("login.profile.prompt"));
    profile.valueProperty().bindBidirectional(vm.selectedProfileProperty());
    profile.setMaxWidth(Double.MAX_VALUE);
    Button deleteProfile = new Button(text.get("login.profile.delete"));
    deleteProfile.setId("login-delete-profile");
    deleteProfile.disableProperty().bind(vm.selectedProfileProperty().isNull());
    deleteProfile.setOnAction(e -> vm.deleteSelectedProfile());
    HBox.setHgrow(profile, Priority.ALWAYS);
    HBox profileRow = new HBox(6, profile, deleteProfile);

    TextField name = field("login-profile-name", text.get("login.profile.namePrompt"));
    name.textProperty().bindBidirectional(vm.profileNameProperty());
    TextField server = field("login-server", text.get("login.server.prompt"));
    server.textProperty().bindBidirectional(vm.serverUrlProperty());
    TextField user = field("login-user", "");
    user.textProperty().bindBidirectional(vm.usernameProperty());
    PasswordField password = new PasswordField();
    password.setId("login-password");
    password.textProperty().bindBidirectional(vm.passwordProperty());

    GridPane form = new GridPane();
    form.setHgap(8);
    form.setVgap(8);
    form.addRow(0, new Label(text.get("login.profile")), profileRow);
    form.addRow(1, new Label(text.get("login.profile.name")), name);
    form.addRow(2, new Label(text.get("login.server")), server);
    form.addRow(3, new Label(text.get("login.user")), user);
    form.addRow(4, new Label(text.get("login.password")), password);
    GridPane.setHgrow(profileRow, Priority.ALWAYS);

    BooleanBinding busy = vm.busy();
    form.disableProperty().bind(busy);

    Button connect = new Button(text.get("login.connect"));
    connect.setId("login-connect");
    connect.setDefaultButton(true);
    connect.setMaxWidth(Double.MAX_VALUE);
    connect.disableProperty().bind(busy);
    connect.setOnAction(e -> vm.connect());
    password.setOnAction(e -> vm.connect());
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("login-busy");
    progress.setPrefSize(22, 22);
    progress.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.FETCHING_FINGERPRINT)
        .or(vm.stepProperty().isEqualTo(Step.LOGGING_IN)));
    HBox.setHgrow(connect, Priority.ALWAYS);
    HBox actions = new HBox(8, connect, progress);
    actions.setAlignment(Pos.CENTER_LEFT);

    VBox trust = fingerprintBox(vm, text);

    Label error = message("login-error", "error-text", vm.errorProperty());
    Label notice = message("login-notice", "notice-text", vm.noticeProperty());

    card = new VBox(14, brand, notice, form, actions, trust, error);
    card.setId("login-card");
    card.getStyleClass().add("login-card");
    card.setPadding(new Insets(28));
    card.setMaxSize(460, USE_PREF_SIZE);
    card.setPrefWidth(460);

    copyright.setId("login-copyright");
    copyright.getStyleClass().add("login-copyright");
    phone.setId("login-phone");
    phone.getStyleClass().add("login-copyright");
    HBox footer = new HBox(16, copyright, phone);
    footer.setAlignment(Pos.CENTER);
    footer.setMaxHeight(USE_PREF_SIZE);
    StackPane.setAlignment(footer, Pos.BOTTOM_CENTER);
    StackPane.setMargin(footer, new Insets(12));
    StackPane.setMargin(card, new Insets(40));
    StackPane.setMargin(description, new Insets(80));
    getChildren().addAll(description, card, footer);
    apply(vm.brandingProperty().get());
    vm.brandingProperty().addListener((o, was, b) -> apply(b));
  }

  /** Shows {@code b}: texts, title colour, logo, background, where the card sits and whether it is transparent. */
  private void apply(Branding b) {
    title.setText(b.loginTitle());
    title.setStyle(b.titleHex() == null ? "" : "-fx-text-fill: " + b.titleHex() + ";");
    copyright.setText(b.copyright());
    phone.setText(b.phone());
    phone.setVisible(!b.phone().isBlank());
    description.setText(b.description());
    description.setVisible(b.showsDescription());
    logo.getChildren().setAll(logoNode(b));
    if (b.backgroundImage() != null) {
      javafx.scene.image.Image image = new javafx.scene.image.Image(new java.io.ByteArrayInputStream(b.backgroundImage()));
      setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundImage(image,
          javafx.scene.layout.BackgroundRepeat.NO_REPEAT, javafx.scene.layout.BackgroundRepeat.NO_REPEAT,
          javafx.scene.layout.BackgroundPosition.CENTER, new javafx.scene.layout.BackgroundSize(100, 100, true, true,
              false, true))));
      setStyle("");
    } else {
      setBackground(null);
      setStyle("-fx-background-color: " + b.primaryColor() + ";");
    }
    card.setStyle(b.inputTransparent() ? "-fx-background-color: rgba(255,255,255,0.18); -fx-effect: null;" : "");
    Pos cardAt = switch (b.inputPosition()) {
      case "left" -> Pos.CENTER_LEFT;
      case "right" -> Pos.CENTER_RIGHT;
      default -> Pos.CENTER;
    };
    StackPane.setAlignment(card, cardAt);
    // the description sits on the side the card leaves free
    StackPane.setAlignment(description, cardAt == Pos.CENTER_LEFT ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
  }

  private static javafx.scene.Node logoNode(Branding b) {
    if (b.logoImage() != null) {
      javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(
          new javafx.scene.image.Image(new java.io.ByteArrayInputStream(b.logoImage())));
      view.setId("login-logo-image");
      view.setPreserveRatio(true);
      view.setFitHeight(48);
      view.setFitWidth(240);
      return view;
    }
    return BrandLogo.of(b.logoSvg(), 48);
  }

  private static VBox fingerprintBox(LoginViewModel vm, Messages text) {
    Label question = new Label(text.get("login.fingerprint.question"));
    question.setWrapText(true);
    TextField fingerprint = new TextField();
    fingerprint.setId("login-fingerprint");
    fingerprint.setEditable(false);
    fingerprint.getStyleClass().add("fingerprint");
    fingerprint.textProperty().bind(vm.pendingFingerprintProperty());
    Button accept = new Button(text.get("login.fingerprint.accept"));
    accept.setId("login-accept");
    accept.setOnAction(e -> vm.acceptFingerprint());
    Button reject = new Button(text.get("login.fingerprint.reject"));
    reject.setId("login-reject");
    reject.setOnAction(e -> vm.rejectFingerprint());
    VBox box = new VBox(8, question, fingerprint, new HBox(8, accept, reject));
    box.setId("login-fingerprint-box");
    box.getStyleClass().add("fingerprint-box");
    box.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.CONFIRM_FINGERPRINT));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private static Label message(String id, String style, javafx.beans.value.ObservableStringValue value) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().add(style);
    label.setWrapText(true);
    label.textProperty().bind(value);
    label.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> value.get() != null && !value.get().isEmpty(), value));
    label.managedProperty().bind(label.visibleProperty());
    return label;
  }

  private static TextField field(String id, String prompt) {
    TextField f = new TextField();
    f.setId(id);
    f.setPromptText(prompt);
    return f;
  }
}
