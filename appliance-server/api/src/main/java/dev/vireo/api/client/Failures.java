package dev.vireo.api.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns the JDK's transport exceptions, whose messages are often null, into one clear sentence. */
final class Failures {
  private Failures() {}

  static ServerUnreachableException unreachable(URI server, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PinnedTrustManager.PinMismatch pin) {
        return pin.mismatch();
      }
    }
    String origin = server.getScheme() + "://" + server.getRawAuthority();
    return new ServerUnreachableException("cannot reach " + origin + ": " + reason(error), error);
  }

  private static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "connection timed out";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer in time";
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed (" + t.getMessage() + ")";
      }
    }
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }
}
