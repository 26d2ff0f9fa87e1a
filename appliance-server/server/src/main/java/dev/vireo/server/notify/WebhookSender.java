package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.WebhookMethod;
import dev.vireo.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls a webhook contact with java.net.http: POST sends the JSON object {kind, subject, text,
 * the fields, sentAt}, GET the same as query parameters. No redirects are followed. A network
 * error, a timeout, a 5xx or a 429 is worth a retry; any other non-2xx answer is not.
 */
final class WebhookSender {
  private static final String USER_AGENT = "Vireo-Notifier/1";
  private final HttpClient http;
  private final Duration requestTimeout;

  WebhookSender(Duration connectTimeout, Duration requestTimeout) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.requestTimeout = requestTimeout;
  }

  Attempt send(NotificationContact to, Notification n, Instant sentAt) throws InterruptedException {
    Map<String, String> values = values(n, sentAt);
    HttpRequest.Builder req = HttpRequest.newBuilder().timeout(requestTimeout).header("User-Agent", USER_AGENT);
    try {
      if (to.method() == WebhookMethod.GET) {
        req.uri(withQuery(URI.create(to.url()), values)).GET();
      } else {
        req.uri(URI.create(to.url())).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(values)));
      }
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        return Attempt.DELIVERED;
      }
      String error = "webhook answered HTTP " + status + excerpt(r.body());
      return status >= 500 || status == 429 ? Attempt.retry(error) : Attempt.fail(error);
    } catch (HttpTimeoutException e) {
      return Attempt.retry("webhook timed out: " + e.getMessage());
    } catch (IOException e) {
      return Attempt.retry("webhook unreachable: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      return Attempt.fail("webhook URL refused: " + e.getMessage());
    }
  }

  /** kind, subject, text, then the fields (which cannot replace those three), then sentAt. */
  static Map<String, String> values(Notification n, Instant sentAt) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("kind", n.kind().name());
    v.put("subject", n.subject());
    v.put("text", n.text());
    n.fields().forEach(v::putIfAbsent);
    v.put("sentAt", sentAt.toString());
    return v;
  }

  static URI withQuery(URI url, Map<String, String> values) {
    String q = values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    String s = url.toString();
    return URI.create(s + (url.getRawQuery() == null ? "?" : s.endsWith("&") ? "" : "&") + q);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String b = body.strip().replaceAll("\\s+", " ");
    return ": " + (b.length() > 200 ? b.substring(0, 200) + "..." : b);
  }
}
