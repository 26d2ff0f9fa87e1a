package dev.vireo.api.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.model.ApiError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One HTTPS request/response with JSON bodies, mapping failures to the SDK's exceptions. */
final class HttpTransport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI server;
  private final HttpClient http;
  private final ObjectMapper mapper = ApiJson.newMapper();
  private final ObjectMapper requestMapper = ApiJson.newMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private volatile String token;
  /** Set: every request is signed with this key pair instead of carrying the token. */
  private final RequestAuthorization apiKey;

  HttpTransport(URI server, String fingerprint, String token) {
    this(server, fingerprint, token, null);
  }

  HttpTransport(URI server, String fingerprint, String token, RequestAuthorization apiKey) {
    this.server = server;
    this.token = token;
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder()
        .sslContext(PinnedTrust.sslContext(fingerprint))
        .connectTimeout(CONNECT_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  String token() {
    return token;
  }

  void token(String token) {
    this.token = token;
  }

  /** How requests are authenticated: the API key's signature when one is set, else the bearer token. */
  RequestAuthorization authorization() {
    return apiKey != null ? apiKey : RequestAuthorization.bearer(this::token);
  }

  JavaType type(Class<?> type) {
    return mapper.constructType(type);
  }

  JavaType listOf(Class<?> item) {
    return mapper.getTypeFactory().constructCollectionType(java.util.List.class, item);
  }

  JavaType pageOf(Class<?> item) {
    return mapper.getTypeFactory().constructParametricType(dev.vireo.api.model.Page.class, item);
  }

  /**
   * Sends a request and reads the answer as {@code answer} (null: ignore the body).
   *
   * @param pathAndQuery already encoded, starting with {@code /api/v1}
   */
  <T> T send(String method, String pathAndQuery, Object body, Map<String, String> headers, JavaType answer) {
    URI uri = server.resolve(pathAndQuery);
    byte[] bytes = body == null ? new byte[0] : json(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    authorization().apply(request, method, uri, bytes);
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw Failures.unreachable(server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    }
    return read(response, answer);
  }

  /** A GET answered with text (e.g. the Prometheus endpoint {@code /metrics}); its body as UTF-8. */
  String text(String pathAndQuery) {
    return new String(getRaw(pathAndQuery, "text/plain").data(), StandardCharsets.UTF_8);
  }

  /** A GET answered with bytes of any type (e.g. a branding image): the bytes and their Content-Type. */
  Bytes bytes(String pathAndQuery) {
    return getRaw(pathAndQuery, "*/*");
  }

  /** A GET of a body that is not JSON, authorised like every call (bearer or signature); 4xx/5xx thrown. */
  private Bytes getRaw(String pathAndQuery, String accept) {
    URI uri = server.resolve(pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", accept)
        .header("Accept-Encoding", "gzip")
        .GET();
    authorization().apply(request, "GET", uri, new byte[0]);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw Failures.unreachable(server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    }
    byte[] body = decoded(response);
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw error(response.statusCode(), body);
    }
    return new Bytes(body, response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
  }

  /** A body that is not JSON, with its media type. */
  record Bytes(byte[] data, String contentType) {}

  /**
   * Streams a GET's body into {@code target}: appended from its current size with a {@code Range}
   * request when {@code resume} and it exists (a 200 answer rewrites it). Returns the bytes the file has.
   */
  long download(String pathAndQuery, java.nio.file.Path target, boolean resume) {
    long have = resume && java.nio.file.Files.isRegularFile(target) ? target.toFile().length() : 0;
    URI uri = server.resolve(pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    authorization().apply(request, "GET", uri, new byte[0]);
    try {
      HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      try (java.io.InputStream in = response.body()) {
        if (status == 416 && have > 0) {
          return have; // complete already
        }
        if (status != 200 && status != 206) {
          throw error(status, in.readAllBytes());
        }
        java.nio.file.OpenOption[] mode = status == 206
            ? new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND}
            : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE};
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(target, mode)) {
          in.transferTo(out);
        }
      }
      return target.toFile().length();
    } catch (IOException e) {
      throw Failures.unreachable(server, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    }
  }

  private byte[] json(Object body) {
    try {
      return requestMapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private <T> T read(HttpResponse<byte[]> response, JavaType answer) {
    int status = response.statusCode();
    byte[] body = decoded(response);
    if (status < 200 || status >= 300) {
      throw error(status, body);
    }
    if (answer == null || body.length == 0) {
      return null;
    }
    try {
      return mapper.readValue(body, answer);
    } catch (IOException e) {
      throw new ApiException(status, "unreadable_answer", null,
          "the server's answer is not a valid " + answer.getRawClass().getSimpleName() + ": "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  /** The body without its {@code Content-Encoding} (java.net.http does not undo gzip itself). */
  private static byte[] decoded(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    boolean gzip = response.headers().firstValue("Content-Encoding")
        .map(e -> e.strip().equalsIgnoreCase("gzip")).orElse(false);
    if (!gzip || body.length == 0) {
      return body;
    }
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ApiException(response.statusCode(), "unreadable_answer", null,
          "the server's gzip-encoded answer is corrupt: " + e.getMessage());
    }
  }

  private ApiException error(int status, byte[] body) {
    try {
      ApiError error = mapper.readValue(body, ApiError.class);
      if (error != null && error.message() != null) {
        return ApiException.of(status, error);
      }
    } catch (IOException notJson) {
      // a proxy or a crashed server answering HTML or plain text: report what little we have
    }
    String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    String detail = text.isEmpty() ? "no error details" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    return new ApiException(status, "http_" + status, null, detail);
  }
}
