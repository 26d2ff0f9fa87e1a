package dev.vireo.server.http;

/** Turns an Authorization header into a caller name, or null when it proves nothing. */
@FunctionalInterface
public interface Authenticator {
  String authenticate(String authorizationHeader);
}
