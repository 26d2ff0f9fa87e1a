package dev.vireo.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A raw HTTPS client for the REST API: it pins the server certificate's SHA-256 fingerprint, as
 * real clients do, and hands back status, headers and body untouched so tests see the wire.
 */
public final class Api {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final HttpClient http;
  private final SSLContext ssl;

  /** What the server answered. */
  public record Reply(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return "HTTP " + status + " " + body;
    }
  }

  public Api(String baseUrl, String fingerprint) {
    this.baseUrl = baseUrl;
    try {
      this.ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new X509TrustManager[] {new Pinned(fingerprint)}, new SecureRandom());
      this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trusts exactly the server's pinned certificate, for clients a test builds itself. */
  public SSLContext sslContext() {
    return ssl;
  }

  /** A JSON request (no body when {@code json} is null). */
  public Reply send(String method, String path, String token, String json) throws Exception {
    return send(method, path, token, json == null ? null : "application/json", json, Map.of());
  }

  public Reply send(String method, String path, String token, String contentType, String body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = request(path, token).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers(), r.body());
  }

  /** A GET whose body is kept as bytes (downloads, exports). */
  public HttpResponse<byte[]> download(String path, String token) throws Exception {
    return http.send(request(path, token).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Opens a streaming GET (server-sent events): status and headers only, then hangs up. */
  public Reply openStream(String path, String token) throws Exception {
    HttpResponse<InputStream> r = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    String body = "";
    if (r.statusCode() != 200) {
      body = new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    r.body().close();
    return new Reply(r.statusCode(), r.headers(), body);
  }

  /** Polls a job until it is SUCCEEDED or FAILED and returns it. */
  public JsonNode waitForJob(String token, String jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = send("GET", "/api/v1/jobs/" + jobId, token, null).json();
      String state = job.path("state").asText();
      if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " did not finish within 60 s");
  }

  /** Like {@link #waitForJob} but fails unless the job succeeded. */
  public JsonNode succeeded(String token, Reply accepted) throws Exception {
    if (accepted.status() != 202) {
      throw new AssertionError("expected 202, got " + accepted);
    }
    JsonNode job = waitForJob(token, accepted.json().get("jobId").asText());
    if (!job.get("state").asText().equals("SUCCEEDED")) {
      throw new AssertionError("job failed: " + job);
    }
    return job;
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** Trusts exactly one certificate: the one whose SHA-256 the server wrote to its data dir. */
  private static final class Pinned implements X509TrustManager {
    private final String fingerprint;

    Pinned(String fingerprint) {
      this.fingerprint = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
        if (!actual.equals(fingerprint)) {
          throw new CertificateException("server certificate " + actual + " is not the pinned " + fingerprint);
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new CertificateException(e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
