package dev.vireo.client.login;

/**
 * A server the user connects to: a name, its URL ({@code https://host:port}) and the SHA-256
 * fingerprint of its certificate that the user accepted (null until the first connect).
 */
public record ConnectionProfile(String name, String serverUrl, String fingerprint) {
  /** The same profile trusting {@code newFingerprint}. */
  public ConnectionProfile trusting(String newFingerprint) {
    return new ConnectionProfile(name, serverUrl, newFingerprint);
  }

  @Override
  public String toString() {
    return name;
  }
}
