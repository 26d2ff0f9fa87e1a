package dev.vireo.client.resources;

import dev.vireo.api.client.EventStream;
import dev.vireo.api.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event stream shared by every resource screen of a session: opened when the first listener
 * subscribes, each event, (re)connect and loss handed to every listener (on the stream's thread).
 */
public final class EventHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
  private final Function<EventStream.Listener, AutoCloseable> open;
  private final List<EventStream.Listener> listeners = new CopyOnWriteArrayList<>();
  private AutoCloseable stream;
  private boolean closed;

  /** @param open subscribes to the server's stream ({@code VireoClient::events} in the app) */
  public EventHub(Function<EventStream.Listener, AutoCloseable> open) {
    this.open = open;
  }

  /** Adds a listener, opening the stream the first time. */
  public synchronized void subscribe(EventStream.Listener listener) {
    listeners.add(listener);
    if (stream == null && !closed) {
      stream = open.apply(new EventStream.Listener() {
        @Override
        public void event(ServerEvent e) {
          listeners.forEach(l -> l.event(e));
        }

        @Override
        public void connected(boolean replaying) {
          listeners.forEach(l -> l.connected(replaying));
        }

        @Override
        public void disconnected(String reason, Duration retryIn) {
          listeners.forEach(l -> l.disconnected(reason, retryIn));
        }
      });
    }
  }

  public synchronized void unsubscribe(EventStream.Listener listener) {
    listeners.remove(listener);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (stream != null) {
      try {
        stream.close();
      } catch (Exception e) {
        LOG.debug("closing the event stream: {}", e.toString());
      }
      stream = null;
    }
  }
}
