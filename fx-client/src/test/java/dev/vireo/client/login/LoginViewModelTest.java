package dev.vireo.client.login;

import dev.vireo.client.app.MemoryPreferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.FingerprintMismatchException;
import dev.vireo.api.client.ServerUnreachableException;
import dev.vireo.api.client.VireoClient;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import dev.vireo.client.login.LoginViewModel.Step;
import dev.vireo.client.main.Await;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login's view-model against a fake server, without the FX toolkit. */
class LoginViewModelTest {
  private static final String FP = "AA:".repeat(31) + "AA";
  private static final String OTHER = "BB:".repeat(31) + "BB";
  private static final String URL = "https://10.0.0.5:8443";
  private final Background io = new Background(UiExecutor.direct(), 2);
  private final Messages text = new Messages(Locale.ENGLISH);
  private final ClientPreferences prefs = new ClientPreferences(new MemoryPreferences());
  private final FakeServer server = new FakeServer();
  private final AtomicReference<LoginResult> loggedIn = new AtomicReference<>();

  @AfterEach
  void close() {
    io.close();
  }

  private LoginViewModel vm() {
    LoginViewModel vm = new LoginViewModel(server, io, text, prefs);
    vm.onLoggedIn(loggedIn::set);
    return vm;
  }

  private static void fill(LoginViewModel vm, String url, String password) {
    vm.serverUrlProperty().set(url);
    vm.usernameProperty().set("admin");
    vm.passwordProperty().set(password);
  }

  @Test
  void aNewServerShowsItsFingerprintAndTheAcceptedProfileIsRemembered() {
    LoginViewModel vm = vm();
    fill(vm, "10.0.0.5:8443", "secret");
    vm.profileNameProperty().set("Lab");
    vm.connect();
    Await.until(() -> vm.stepProperty().get() == Step.CONFIRM_FINGERPRINT, "the fingerprint to confirm");
    assertEquals(FP, vm.pendingFingerprintProperty().get());
    assertTrue(server.logins.isEmpty(), "no password goes to an unconfirmed server");

    vm.acceptFingerprint();
    Await.until(() -> loggedIn.get() != null, "the login");
    assertEquals(List.of(URL + " " + FP + " admin secret"), server.logins);
    assertEquals("", vm.passwordProperty().get(), "the password is not kept");

    LoginViewModel again = vm();
    assertEquals(List.of(new ConnectionProfile("Lab", URL, FP)), again.profiles());
    assertEquals("Lab", again.selectedProfileProperty().get().name());
    assertEquals(URL, again.serverUrlProperty().get());
    assertEquals("admin", again.usernameProperty().get());
    again.passwordProperty().set("secret");
    loggedIn.set(null);
    again.connect();
    Await.until(() -> loggedIn.get() != null, "the second login");
    assertEquals(1, server.fetches, "a trusted server's fingerprint is not asked again");
  }

  @Test
  void aChangedCertificateIsRefusedWithBothFingerprints() {
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", URL, FP)));
    server.loginFailure = new FingerprintMismatchException(OTHER, FP);
    LoginViewModel vm = vm();
    vm.usernameProperty().set("admin");
    vm.passwordProperty().set("secret");
    vm.connect();
    Await.until(() -> vm.errorProperty().get() != null, "the refusal");
    assertEquals(Step.FORM, vm.stepProperty().get());
    assertTrue(vm.errorProperty().get().contains("has changed"), vm.errorProperty().get());
    assertTrue(vm.errorProperty().get().contains(OTHER) && vm.errorProperty().get().contains(FP));
    assertNull(loggedIn.get());
    assertEquals(FP, new ConnectionProfiles(prefs).load().get(0).fingerprint(), "the pin is not replaced");
  }

  @Test
  void aWrongPasswordSaysSo() {
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", URL, FP)));
    server.loginFailure = new ApiException(401, "unauthorized", null, "bad credentials");
    LoginViewModel vm = vm();
    fill(vm, URL, "wrong");
    vm.connect();
    Await.until(() -> vm.errorProperty().get() != null, "the error");
    assertEquals(text.get("login.error.credentials"), vm.errorProperty().get());
    assertEquals(Step.FORM, vm.stepProperty().get());
  }

  @Test
  void anUnreachableServerIsOneSentence() {
    server.fetchFailure = new ServerUnreachableException("cannot reach " + URL + ": connection refused", null);
    LoginViewModel vm = vm();
    fill(vm, URL, "x");
    vm.connect();
    Await.until(() -> vm.errorProperty().get() != null, "the error");
    assertEquals("Cannot reach " + URL + ": connection refused", vm.errorProperty().get());
  }

  @Test
  void aRejectedFingerprintSavesNothing() {
    LoginViewModel vm = vm();
    fill(vm, URL, "x");
    vm.connect();
    Await.until(() -> vm.stepProperty().get() == Step.CONFIRM_FINGERPRINT, "the fingerprint");
    vm.rejectFingerprint();
    assertEquals(Step.FORM, vm.stepProperty().get());
    assertTrue(new ConnectionProfiles(prefs).load().isEmpty());
    assertTrue(server.logins.isEmpty());
  }

  @Test
  void aBadAddressOrNoUserIsRefusedBeforeAnyCall() {
    LoginViewModel vm = vm();
    fill(vm, "http://10.0.0.5", "x");
    vm.connect();
    assertEquals(text.get("login.error.url", "http://10.0.0.5"), vm.errorProperty().get());
    fill(vm, URL, "x");
    vm.usernameProperty().set(" ");
    vm.connect();
    assertEquals(text.get("login.error.noUser"), vm.errorProperty().get());
    assertEquals(0, server.fetches);
  }

  @Test
  void aPrefilledServerSelectsItsProfile() {
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("A", "https://a:1", FP),
        new ConnectionProfile("Lab", URL, FP)));
    LoginViewModel vm = vm();
    vm.prefillServer("10.0.0.5:8443");
    assertEquals("Lab", vm.selectedProfileProperty().get().name());
    vm.deleteSelectedProfile();
    assertEquals(List.of("A"), new ConnectionProfiles(prefs).load().stream().map(ConnectionProfile::name).toList());
  }

  @Test
  void aSavedServersBrandingIsReadBeforeLogin() {
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", URL, FP)));
    server.branding = new Branding("Acme Cloud", "Private cloud", "#112233", null, "left", "(c) Acme", null,
        "Acme 虚拟化", "gold", "+1 555 0100", true, null, null, "Acme NOC");
    LoginViewModel vm = vm();
    Await.until(() -> vm.brandingProperty().get().title().equals("Acme Cloud"), "the server's branding");
    Branding b = vm.brandingProperty().get();
    assertEquals("Acme 虚拟化", b.loginTitle());
    assertEquals("(c) Acme", b.copyright());
    assertEquals("#D4AF37", b.titleHex());
    assertTrue(b.showsDescription(), "left: the description shows");
    assertEquals(List.of(URL + " " + FP), server.brandings, "pinned to the saved fingerprint, without a login");
    assertTrue(server.logins.isEmpty());
  }

  @Test
  void aNewServersBrandingIsReadOnlyOnceItsFingerprintIsAccepted() {
    server.branding = new Branding("Acme Cloud", "", null, null, null, "", null);
    LoginViewModel vm = vm();
    assertEquals("Vireo", vm.brandingProperty().get().title(), "the appliance's defaults first");
    fill(vm, URL, "secret");
    vm.connect();
    Await.until(() -> vm.stepProperty().get() == Step.CONFIRM_FINGERPRINT, "the fingerprint");
    assertTrue(server.brandings.isEmpty(), "nothing is read from an unconfirmed server");
    vm.acceptFingerprint();
    Await.until(() -> vm.brandingProperty().get().title().equals("Acme Cloud"), "the branding");
  }

  @Test
  void anUnreadableBrandingKeepsTheOneShown() {
    new ConnectionProfiles(prefs).save(List.of(new ConnectionProfile("Lab", URL, FP)));
    server.brandingFailure = new ServerUnreachableException("cannot reach " + URL, null);
    LoginViewModel vm = vm();
    Await.until(() -> server.brandings.size() == 1, "the attempt");
    assertEquals("Vireo", vm.brandingProperty().get().title());
    assertNull(vm.errorProperty().get(), "the login form says nothing about branding");
  }

  /** Answers with {@link #FP}, or the failures it is given. */
  private static final class FakeServer implements ServerAccess {
    final List<String> brandings = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Branding branding = Branding.defaults();
    volatile RuntimeException brandingFailure;
    final List<String> logins = new ArrayList<>();
    volatile int fetches;
    volatile RuntimeException fetchFailure;
    volatile RuntimeException loginFailure;

    @Override
    public String fetchFingerprint(URI server) {
      fetches++;
      if (fetchFailure != null) {
        throw fetchFailure;
      }
      return FP;
    }

    @Override
    public Branding branding(URI server, String fingerprint) {
      brandings.add(server + " " + fingerprint);
      if (brandingFailure != null) {
        throw brandingFailure;
      }
      return branding;
    }

    @Override
    public LoginResult login(URI server, String fingerprint, String username, String password) {
      if (loginFailure != null) {
        throw loginFailure;
      }
      synchronized (logins) {
        logins.add(server + " " + fingerprint + " " + username + " " + password);
      }
      return new LoginResult(new VireoClient(server, fingerprint, "token"), username);
    }
  }
}
