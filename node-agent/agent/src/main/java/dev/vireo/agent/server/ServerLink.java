package dev.vireo.agent.server;

import dev.vireo.agent.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs JSON to the management server (pinned HTTPS, or plain HTTP in tests) with the join token. */
public final class ServerLink {
  private final String serverUrl;
  private final String joinToken;
  private final HttpClient http;

  /** A response that was not 2xx. */
  public static final class RejectedException extends IOException {
    private final int status;

    RejectedException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public ServerLink(String serverUrl, String fingerprint, String joinToken) {
    this.serverUrl = serverUrl.replaceAll("/+$", "");
    this.joinToken = joinToken;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (fingerprint != null && !fingerprint.isBlank()) {
      b.sslContext(PinnedCertificateTrust.sslContext(fingerprint));
    }
    this.http = b.build();
  }

  public String serverUrl() {
    return serverUrl;
  }

  public byte[] post(String pathOrUrl, Object body) throws IOException, InterruptedException {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : serverUrl + pathOrUrl);
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + joinToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new RejectedException(response.statusCode(),
          uri.getPath() + " answered " + response.statusCode() + ": " + new String(response.body()));
    }
    return response.body();
  }
}
