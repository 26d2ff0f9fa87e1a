package dev.vireo.server.events;

import dev.vireo.api.model.ServerEvent;
import dev.vireo.server.http.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/events}: server-sent events of {@link ServerEvent}; {@code Last-Event-ID}
 * replays what a reconnecting client missed; a comment every 15 s keeps proxies from closing it.
 */
public final class EventStreamHandler implements HttpHandler {
  private final ServerSentEventHandler sse;

  public EventStreamHandler(EventBus bus) {
    this.sse = new ServerSentEventHandler((ServerSentEventConnection connection, String lastEventId) -> {
      connection.setKeepAliveTime(15_000);
      long from = parse(lastEventId);
      // Subscribe before replaying so nothing published in between is lost; a live event the
      // replay already sent is dropped by its sequence number.
      Object lock = new Object();
      long[] replayedUpTo = {Long.MIN_VALUE};
      synchronized (lock) {
        Runnable unsubscribe = bus.subscribe(e -> {
          synchronized (lock) {
            if (e.seq() > replayedUpTo[0]) {
              send(connection, e);
            }
          }
        });
        connection.addCloseTask(c -> unsubscribe.run());
        if (from >= 0) {
          for (ServerEvent e : bus.since(from, 10_000)) {
            send(connection, e);
            replayedUpTo[0] = e.seq();
          }
        }
      }
    });
  }

  private static long parse(String id) {
    try {
      return id == null ? -1 : Long.parseLong(id.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void send(ServerSentEventConnection c, ServerEvent e) {
    if (c.isOpen()) {
      c.send(new String(Json.write(e), StandardCharsets.UTF_8), e.kind(), Long.toString(e.seq()), null);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    sse.handleRequest(exchange);
  }
}
