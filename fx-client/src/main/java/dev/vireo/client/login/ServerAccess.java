package dev.vireo.client.login;

import dev.vireo.api.client.PinnedTrust;
import dev.vireo.api.client.VireoClient;
import java.net.URI;

/** What the login needs of a server; {@link #sdk()} in the app, a fake in view-model tests. Blocking calls. */
public interface ServerAccess {
  /** The certificate fingerprint the server presents (trust on first use). */
  String fetchFingerprint(URI server);

  /** Logs in over TLS pinned to {@code fingerprint}. */
  LoginResult login(URI server, String fingerprint, String username, String password);

  /** The server's open branding (no login) over TLS pinned to {@code fingerprint}, its login images included. */
  Branding branding(URI server, String fingerprint);

  /** Through the SDK: {@link PinnedTrust#fetchFingerprint}, {@link VireoClient#login} and {@link VireoClient#branding}. */
  static ServerAccess sdk() {
    return new ServerAccess() {
      @Override
      public String fetchFingerprint(URI server) {
        return PinnedTrust.fetchFingerprint(server);
      }

      @Override
      public LoginResult login(URI server, String fingerprint, String username, String password) {
        VireoClient client = new VireoClient(server, fingerprint, null);
        return new LoginResult(client, client.login(username, password).username());
      }

      @Override
      public Branding branding(URI server, String fingerprint) {
        return Branding.read(new VireoClient(server, fingerprint, null).branding());
      }
    };
  }
}
