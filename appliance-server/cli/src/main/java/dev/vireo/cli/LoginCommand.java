package dev.vireo.cli;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.PinnedTrust;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.LoginResponse;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code vireo login} and {@code vireo logout}: trust on first use, then a token in the profile. */
final class LoginCommand {
  private final Session session;
  private final Output out;

  LoginCommand(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void login(List<String> tokens) {
    Args args = Args.parse(tokens, Set.of("server", "user", "password-file", "password", "totp-code",
        "recovery-code"), Set.of());
    args.noMorePositionalsThan(0);
    Optional<Profile> saved = Profile.load(session.profilePath());
    String server = args.value("server") != null ? serverUrl(args.value("server"))
        : saved.map(Profile::server).orElseThrow(() -> new UsageException(
            "no saved server; give --server https://HOST:PORT"));
    String user = args.value("user", saved.map(Profile::user).orElse("admin"));
    String password = password(args);
    String fingerprint = saved.filter(p -> server.equals(p.server()) && p.fingerprint() != null)
        .map(Profile::fingerprint).orElse(null);
    if (fingerprint == null) {
      fingerprint = PinnedTrust.fetchFingerprint(URI.create(server));
      out.notice("Server certificate SHA-256 fingerprint: " + fingerprint);
      out.notice("Trusted on first use; compare it with the fingerprint shown on the appliance console.");
    }
    VireoClient client = new VireoClient(URI.create(server), fingerprint, null);
    // an account with two-factor authentication also gives a code (ADR 0041)
    LoginResponse response = client.login(new dev.vireo.api.model.LoginRequest(user, password,
        args.value("totp-code"), args.value("recovery-code")));
    new Profile(client.server().toString(), client.fingerprint(), response.token(), response.username())
        .save(session.profilePath());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("server", client.server().toString());
    result.put("fingerprint", client.fingerprint());
    result.put("user", response.username());
    result.put("expiresAt", response.expiresAt());
    result.put("profile", session.profilePath().toString());
    out.result(result, () -> out.line("Logged in to " + client.server() + " as " + response.username()
        + " (token expires " + Human.time(response.expiresAt()) + "; saved in " + session.profilePath() + ")"));
  }

  void logout(List<String> tokens) {
    Args.parse(tokens, Set.of(), Set.of()).noMorePositionalsThan(0);
    Profile profile = session.profile();
    if (profile.token() != null) {
      try {
        session.client().logout();
      } catch (ApiException e) {
        if (e.status() != 401) {
          throw e;
        }
        // the token had already expired: forgetting it locally is all that is left to do
      }
    }
    profile.withToken(null).save(session.profilePath());
    out.notice("Logged out of " + profile.server());
  }

  /** Accepts {@code host:port} too; only https is spoken. */
  static String serverUrl(String given) {
    String url = given.strip();
    if (!url.contains("://")) {
      url = "https://" + url;
    }
    URI uri = URI.create(url);
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new UsageException("--server must look like https://HOST:PORT, got '" + given + "'");
    }
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  static String password(Args args) {
    if (args.value("password-file") != null) {
      if (args.value("password") != null) {
        throw new UsageException("give --password-file or --password, not both");
      }
      Path file = Path.of(args.value("password-file"));
      try {
        return Files.readAllLines(file).stream().findFirst().orElse("").strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read password file " + file + ": " + e.getMessage(), e);
      }
    }
    if (args.value("password") != null) {
      return args.value("password");
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException("no terminal to ask for the password; give --password-file FILE");
    }
    char[] typed = console.readPassword("Password: ");
    if (typed == null) {
      throw new UsageException("no password given");
    }
    return new String(typed);
  }
}
