package dev.vireo.server.http;

/**
 * Turns a request's credentials into a caller name, or null when they prove nothing; may throw a
 * 401 {@link ApiException} that says why (a signature that does not match, a replayed nonce).
 */
@FunctionalInterface
public interface Authenticator {
  String authenticate(RequestCredentials credentials);
}
