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

  /** Answers with {@link #FP}, or the failures it is given. */
  private static final class FakeServer implements ServerAccess {
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
