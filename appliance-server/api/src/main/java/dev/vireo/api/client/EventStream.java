package dev.vireo.api.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.model.ServerEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's event stream ({@code GET /api/v1/events}, server-sent events of {@link ServerEvent})
 * read on a daemon thread of its own. It reconnects by itself after any failure, waiting 1, 2, 4, 8
 * and then 10 s between attempts, and sends {@code Last-Event-ID} with the last sequence number it
 * saw so the server replays what was missed. A stream silent for longer than its idle limit (the
 * server sends a comment every 15 s) counts as lost. Events, connects and disconnects are handed to
 * the {@link Listener} on the stream's thread: hand them off to the UI yourself. Get one from
 * {@link VireoClient#events(Listener)}; {@link #close()} ends it.
 */
public final class EventStream implements AutoCloseable {
  /** What the stream reports; every method runs on the stream's thread. */
  public interface Listener {
    /** One event, in sequence order. */
    void event(ServerEvent event);

    /**
     * The stream is open. {@code replaying}: the server replays what was missed since the last event
     * seen; false on the first connect and when no event had been seen yet, when a client that
     * keeps state should reload it.
     */
    default void connected(boolean replaying) {}

    /** The stream was lost (or refused, e.g. a 401); it reconnects after {@code retryIn}. */
    default void disconnected(String reason, Duration retryIn) {}
  }

  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Duration IDLE_LIMIT = Duration.ofSeconds(45);

  private final URI events;
  private final HttpClient http;
  private final RequestAuthorization authorization;
  private final Listener listener;
  private final Duration idleLimit;
  private final Duration firstBackoff;
  private final ObjectMapper mapper = ApiJson.newMapper();
  private final Thread thread;
  private final Thread watchdog;
  private volatile boolean closed;
  private volatile boolean connected;
  private volatile long lastSeq;
  private volatile InputStream body;
  private volatile long lastHeardNanos = System.nanoTime();

  EventStream(URI server, HttpClient http, Supplier<String> token, Listener listener, long lastSeq,
      Duration firstBackoff, Duration idleLimit) {
    this(server, http, RequestAuthorization.bearer(token), listener, lastSeq, firstBackoff, idleLimit);
  }

  EventStream(URI server, HttpClient http, RequestAuthorization authorization, Listener listener, long lastSeq,
      Duration firstBackoff, Duration idleLimit) {
    this.events = server.resolve("/api/v1/events");
    this.http = http;
    this.authorization = authorization;
    this.listener = listener;
    this.lastSeq = lastSeq;
    this.firstBackoff = firstBackoff;
    this.idleLimit = idleLimit;
    this.thread = new Thread(this::run, "vireo-events");
    this.thread.setDaemon(true);
    this.watchdog = new Thread(this::watch, "vireo-events-watchdog");
    this.watchdog.setDaemon(true);
  }

  /** The stream of the server behind {@code fingerprint}, with the same pinned TLS trust as the rest of the SDK. */
  static EventStream open(URI server, String fingerprint, RequestAuthorization authorization, Listener listener,
      long lastSeq) {
    HttpClient http = HttpClient.newBuilder()
        .sslContext(PinnedTrust.sslContext(fingerprint))
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    return new EventStream(server, http, authorization, listener, lastSeq, Duration.ofSeconds(1), IDLE_LIMIT).start();
  }

  EventStream start() {
    thread.start();
    watchdog.start();
    return this;
  }

  /** Whether the stream is open now. */
  public boolean isConnected() {
    return connected;
  }

  /** The sequence number of the last event delivered, or -1 before the first. */
  public long lastSeq() {
    return lastSeq;
  }

  /** Stops reading and reconnecting; the listener hears nothing more. Idempotent. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    watchdog.interrupt();
    closeBody();
  }

  private void run() {
    Duration backoff = firstBackoff;
    while (!closed) {
      String reason;
      try {
        if (readOnce()) {
          backoff = firstBackoff; // it was open: start the backoff afresh
        }
        reason = "the server closed the event stream";
      } catch (ApiException e) {
        reason = e.getMessage();
      } catch (IOException | RuntimeException e) {
        reason = "event stream lost: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      } catch (InterruptedException e) {
        break;
      }
      connected = false;
      if (closed) {
        break;
      }
      listener.disconnected(reason, backoff);
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        break;
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
    connected = false;
  }

  /** One connection, until it ends; whether it was opened. */
  private boolean readOnce() throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(events).GET().header("Accept", "text/event-stream");
    authorization.apply(request, "GET", events, new byte[0]); // each reconnect is signed afresh
    long resumeFrom = lastSeq;
    if (resumeFrom >= 0) {
      request.header("Last-Event-ID", Long.toString(resumeFrom));
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      String text;
      try (InputStream in = response.body()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      throw new ApiException(response.statusCode(), "http_" + response.statusCode(), null,
          "the event stream was refused (" + response.statusCode() + ")" + (text.isEmpty() ? "" : ": " + text));
    }
    body = response.body();
    lastHeardNanos = System.nanoTime();
    if (closed) {
      closeBody();
      return true;
    }
    connected = true;
    listener.connected(resumeFrom >= 0);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      parse(in);
    } finally {
      closeBody();
    }
    return true;
  }

  /** Server-sent events: fields up to a blank line; comments ({@code :}) only keep the stream alive. */
  private void parse(BufferedReader in) throws IOException {
    StringBuilder data = new StringBuilder();
    String id = null;
    for (String line; (line = in.readLine()) != null && !closed; ) {
      lastHeardNanos = System.nanoTime();
      if (line.isEmpty()) {
        if (data.length() > 0) {
          deliver(id, data.toString());
        }
        data.setLength(0);
        id = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
        case "id" -> id = value;
        default -> { } // event (the kind is in the data too), retry
      }
    }
  }

  /** One event; its {@code seq} (also the SSE id) is what a reconnect resumes from. */
  private void deliver(String id, String data) throws IOException {
    ServerEvent e = mapper.readValue(data, ServerEvent.class);
    if (lastSeq >= 0 && e.seq() <= lastSeq) {
      return; // a replayed event already delivered
    }
    lastSeq = e.seq();
    listener.event(e);
  }

  /** Closes a stream that has been silent for longer than the idle limit, so the reader reconnects. */
  private void watch() {
    while (!closed) {
      try {
        Thread.sleep(Math.max(50, idleLimit.toMillis() / 4));
      } catch (InterruptedException e) {
        return;
      }
      if (connected && System.nanoTime() - lastHeardNanos > idleLimit.toNanos()) {
        closeBody();
      }
    }
  }

  private void closeBody() {
    InputStream b = body;
    if (b != null) {
      try {
        b.close();
      } catch (IOException ignored) {
        // closing a stream that is gone already
      }
    }
  }
}
