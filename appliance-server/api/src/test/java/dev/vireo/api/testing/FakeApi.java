package dev.vireo.api.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTPS server answering scripted JSON per method and path, recording every request. */
public final class FakeApi implements AutoCloseable {
  public record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
  }

  private record Answer(int status, String body) {}

  private final HttpsServer server;
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  public final List<Recorded> requests = new CopyOnWriteArrayList<>();
  public final String fingerprint;

  public FakeApi() throws Exception {
    TestTls tls = TestTls.get();
    fingerprint = tls.fingerprint;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code method path} with this status and body; several answers are given in turn, the last repeats. */
  public FakeApi on(String method, String path, int status, String body) {
    answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(new Answer(status, body));
    return this;
  }

  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Recorded> requests(String method, String path) {
    return requests.stream().filter(r -> r.method().equals(method) && r.uri().split("\\?")[0].equals(path)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = ex.getRequestMethod();
    requests.add(new Recorded(method, ex.getRequestURI().toString(), Map.copyOf(ex.getRequestHeaders()), body));
    Deque<Answer> queue = answers.get(method + " " + ex.getRequestURI().getRawPath());
    Answer answer;
    if (queue == null) {
      answer = new Answer(404, "{\"code\":\"not_found\",\"message\":\"no such endpoint\",\"field\":null}");
    } else {
      synchronized (queue) {
        answer = queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
