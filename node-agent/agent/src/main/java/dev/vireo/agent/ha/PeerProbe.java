package dev.vireo.agent.ha;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP GET of a peer agent's health URL (no token): any 2xx within the timeout is an answer.
 * Asynchronous, so probes of many peers run at once and a dead one delays nobody.
 */
final class PeerProbe {
  private final HttpClient http;

  PeerProbe(ExecutorService executor) {
    http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .executor(executor)
        .build();
  }

  /** min(interval, 2 s), at least 500 ms: a probe round never outlasts its interval. */
  static Duration timeoutFor(int intervalSeconds) {
    return Duration.ofMillis(Math.max(500, Math.min(intervalSeconds * 1000L, 2000)));
  }

  CompletableFuture<Boolean> probe(String url, Duration timeout) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    } catch (IllegalArgumentException | NullPointerException e) {
      return CompletableFuture.completedFuture(false);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(r -> r.statusCode() / 100 == 2)
        .exceptionally(e -> false)
        // the request timeout may not cover connection set-up on every JDK: bound it here too
        .completeOnTimeout(false, timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
  }
}
