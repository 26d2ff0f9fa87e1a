package dev.vireo.client.login;

import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The login: choose or type a server (a {@link ConnectionProfile}), see and accept its certificate
 * fingerprint on the first connect (trust on first use, as the CLI does), then log in with user
 * name and password. A pinned server presenting another certificate is refused. Failures become
 * one sentence in {@link #errorProperty()}; the logged-in client goes to {@link #onLoggedIn}. Once a
 * server and its trusted fingerprint are known (a saved profile, or the fingerprint just accepted)
 * its open branding is read off the FX thread into {@link #brandingProperty()} (M15); until then,
 * and when it cannot be read, the last branding stays.
 */
public final class LoginViewModel {
  /** Where the login is. */
  public enum Step { FORM, FETCHING_FINGERPRINT, CONFIRM_FINGERPRINT, LOGGING_IN }

  static final String LAST_USER = "login.lastUser";
  private final ServerAccess access;
  private final Background io;
  private final Messages text;
  private final ClientPreferences prefs;
  private final ConnectionProfiles store;
  private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
  private final ObjectProperty<ConnectionProfile> selectedProfile = new SimpleObjectProperty<>();
  private final StringProperty profileName = new SimpleStringProperty("");
  private final StringProperty serverUrl = new SimpleStringProperty("");
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.FORM);
  private final ReadOnlyStringWrapper pendingFingerprint = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
  private final ReadOnlyObjectWrapper<Branding> branding;
  private Consumer<LoginResult> onLoggedIn = r -> {};
  private URI pendingServer;
  /** The server whose branding was last asked for: an older answer arriving late is dropped. */
  private String brandingFrom;

  public LoginViewModel(ServerAccess access, Background io, Messages text, ClientPreferences prefs) {
    this(access, io, text, prefs, Branding.defaults());
  }

  /** {@code initial}: the branding shown until the server's is read (e.g. the one of the last login). */
  public LoginViewModel(ServerAccess access, Background io, Messages text, ClientPreferences prefs,
      Branding initial) {
    this.branding = new ReadOnlyObjectWrapper<>(initial);
    this.access = access;
    this.io = io;
    this.text = text;
    this.prefs = prefs;
    this.store = new ConnectionProfiles(prefs);
    profiles.setAll(store.load());
    selectedProfile.addListener((o, was, p) -> {
      if (p != null) {
        profileName.set(p.name());
        serverUrl.set(p.serverUrl());
        if (p.fingerprint() != null) {
          fetchBranding(p.serverUrl(), p.fingerprint());
        }
      }
    });
    String last = store.lastUsed();
    profiles.stream().filter(p -> p.name().equals(last)).findFirst()
        .or(() -> profiles.stream().findFirst()).ifPresent(selectedProfile::set);
    username.set(prefs.get(LAST_USER, ""));
  }

  /** Prefills the server (from {@code --server}): selects its profile if one is saved. */
  public void prefillServer(String url) {
    String normal;
    try {
      normal = normalize(url).toString();
    } catch (IllegalArgumentException e) {
      serverUrl.set(url);
      return;
    }
    Optional<ConnectionProfile> saved = byUrl(normal);
    if (saved.isPresent()) {
      selectedProfile.set(saved.get());
    } else {
      selectedProfile.set(null);
      serverUrl.set(normal);
      profileName.set(URI.create(normal).getRawAuthority());
    }
  }

  /** Connects: asks to confirm the fingerprint of a new server, or logs in to a trusted one. */
  public void connect() {
    if (step.get() != Step.FORM) {
      return;
    }
    error.set(null);
    notice.set(null);
    URI server;
    try {
      server = normalize(serverUrl.get());
    } catch (IllegalArgumentException e) {
      error.set(text.get("login.error.url", serverUrl.get()));
      return;
    }
    if (username.get() == null || username.get().isBlank()) {
      error.set(text.get("login.error.noUser"));
      return;
    }
    pendingServer = server;
    Optional<String> trusted = byUrl(server.toString()).map(ConnectionProfile::fingerprint);
    if (trusted.isPresent()) {
      login(server, trusted.get());
      return;
    }
    step.set(Step.FETCHING_FINGERPRINT);
    io.call(() -> access.fetchFingerprint(server), fp -> {
      pendingFingerprint.set(fp);
      step.set(Step.CONFIRM_FINGERPRINT);
    }, e -> fail(e, server));
  }

  /** The user compared the fingerprint and trusts it: save the profile and log in. */
  public void acceptFingerprint() {
    if (step.get() != Step.CONFIRM_FINGERPRINT) {
      return;
    }
    String fp = pendingFingerprint.get();
    String name = profileName.get() == null || profileName.get().isBlank() ? pendingServer.getRawAuthority()
        : profileName.get().strip();
    ConnectionProfile profile = new ConnectionProfile(name, pendingServer.toString(), fp);
    upsert(profile);
    fetchBranding(pendingServer.toString(), fp);
    login(pendingServer, fp);
  }

  /** The user does not trust the fingerprint: nothing is saved. */
  public void rejectFingerprint() {
    pendingFingerprint.set(null);
    step.set(Step.FORM);
    notice.set(text.get("login.notice.rejected"));
  }

  /** Forgets the selected profile (also how a server with a new certificate is trusted again). */
  public void deleteSelectedProfile() {
    ConnectionProfile p = selectedProfile.get();
    if (p != null) {
      profiles.remove(p);
      store.save(profiles);
      selectedProfile.set(null);
    }
  }

  /** Shown above the form, e.g. "session expired". */
  public void showNotice(String message) {
    notice.set(message);
  }

  public void onLoggedIn(Consumer<LoginResult> action) {
    this.onLoggedIn = action;
  }

  /** Reads the server's branding off the FX thread; applied only if no other server was asked since. */
  private void fetchBranding(String serverUrl, String fingerprint) {
    URI server;
    try {
      server = normalize(serverUrl);
    } catch (IllegalArgumentException e) {
      return;
    }
    String key = server + " " + fingerprint;
    if (key.equals(brandingFrom)) {
      return;
    }
    brandingFrom = key;
    io.call(() -> access.branding(server, fingerprint), b -> {
      if (key.equals(brandingFrom) && b != null) {
        branding.set(b);
      }
    }, e -> {
      if (key.equals(brandingFrom)) {
        brandingFrom = null; // asked again on the next selection
      }
      org.slf4j.LoggerFactory.getLogger(LoginViewModel.class).info("cannot read the branding of {}: {}", server,
          e.toString());
    });
  }

  private void login(URI server, String fingerprint) {
    step.set(Step.LOGGING_IN);
    String user = username.get().strip();
    String pass = password.get() == null ? "" : password.get();
    io.call(() -> access.login(server, fingerprint, user, pass), result -> {
      prefs.put(LAST_USER, user);
      byUrl(server.toString()).ifPresent(p -> {
        store.markUsed(p);
        selectedProfile.set(p);
      });
      password.set("");
      pendingFingerprint.set(null);
      step.set(Step.FORM);
      onLoggedIn.accept(result);
    }, e -> fail(e, server));
  }

  private void fail(Throwable e, URI server) {
    pendingFingerprint.set(null);
    step.set(Step.FORM);
    error.set(LoginErrors.describe(e, server.toString(), text));
  }

  private void upsert(ConnectionProfile profile) {
    List<ConnectionProfile> list = new ArrayList<>(profiles);
    int at = -1;
    for (int i = 0; i < list.size(); i++) {
      ConnectionProfile p = list.get(i);
      if (p.serverUrl().equals(profile.serverUrl()) || p.name().equals(profile.name())) {
        if (at < 0) {
          at = i;
        }
        list.set(i, null);
      }
    }
    list.removeIf(p -> p == null);
    list.add(at < 0 ? list.size() : Math.min(at, list.size()), profile);
    profiles.setAll(list);
    store.save(profiles);
    selectedProfile.set(profile);
  }

  private Optional<ConnectionProfile> byUrl(String url) {
    return profiles.stream().filter(p -> p.serverUrl().equals(url) && p.fingerprint() != null).findFirst();
  }

  /** {@code host:port} or {@code https://host:port/...} as {@code https://host:port}. */
  static URI normalize(String given) {
    if (given == null || given.isBlank()) {
      throw new IllegalArgumentException("no server");
    }
    String url = given.strip();
    if (!url.contains("://")) {
      url = "https://" + url;
    }
    URI uri = URI.create(url);
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an https URL: " + given);
    }
    return URI.create("https://" + uri.getRawAuthority());
  }

  public ObservableList<ConnectionProfile> profiles() {
    return profiles;
  }

  public ObjectProperty<ConnectionProfile> selectedProfileProperty() {
    return selectedProfile;
  }

  public StringProperty profileNameProperty() {
    return profileName;
  }

  public StringProperty serverUrlProperty() {
    return serverUrl;
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public ReadOnlyObjectProperty<Step> stepProperty() {
    return step.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty pendingFingerprintProperty() {
    return pendingFingerprint.getReadOnlyProperty();
  }

  /** The branding to show: the server's once read, the initial one until then. */
  public ReadOnlyObjectProperty<Branding> brandingProperty() {
    return branding.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** True while a network call runs or the fingerprint waits for the user. */
  public BooleanBinding busy() {
    return Bindings.createBooleanBinding(() -> step.get() != Step.FORM, step);
  }
}
