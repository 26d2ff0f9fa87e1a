package dev.vireo.api.client;

/** No answer from the server: connection refused, unknown host, timeout or a failed TLS handshake. */
public class ServerUnreachableException extends RuntimeException {
  public ServerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
