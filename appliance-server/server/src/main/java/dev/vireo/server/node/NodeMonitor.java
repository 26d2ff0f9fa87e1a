package dev.vireo.server.node;

import dev.vireo.api.model.NodeState;
import dev.vireo.server.events.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Marks nodes whose heartbeats stopped as DISCONNECTED and tells who must know (reconciler, agent calls). */
public final class NodeMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);

  private final NodeStore nodes;
  private final Consumer<String> nodeLost;
  private final EventBus events;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "node-monitor");
    t.setDaemon(true);
    return t;
  });

  /** {@code nodeLost} is told each node that went silent (once, when it does). */
  public NodeMonitor(NodeStore nodes, Consumer<String> nodeLost, EventBus events, Duration timeout) {
    this.nodes = nodes;
    this.nodeLost = nodeLost;
    this.events = events;
    this.timeout = timeout;
  }

  public void start() {
    long period = Math.max(1, timeout.toSeconds() / 3);
    scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.SECONDS);
  }

  void check() {
    try {
      for (String id : nodes.markSilentDisconnected(Instant.now().minus(timeout))) {
        LOG.warn("node {} sent no heartbeat for {} s: DISCONNECTED", id, timeout.toSeconds());
        events.publish("node", id, NodeState.DISCONNECTED.name());
        nodeLost.accept(id);
      }
    } catch (RuntimeException e) {
      LOG.warn("node check failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
