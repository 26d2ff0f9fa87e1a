package dev.vireo.agent.metrics;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.MetricSample;
import dev.vireo.agent.protocol.MetricsReport;
import dev.vireo.agent.server.ServerLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code [metrics] interval_seconds}, on a daemon thread of its own, takes one sample of each
 * source (the node, its VMs) and POSTs them as one {@link MetricsReport} to
 * {@link AgentHttp#METRICS_PATH} over the {@link ServerLink} (join token, pinned TLS). The first
 * round runs at start so that the first report already has rates. Until the node is registered
 * (no node id) the samples only set the samplers' baselines. A source that fails is left out of the
 * report; a report the server does not take is dropped (logged at WARN at most once a minute,
 * otherwise at DEBUG); nothing ends the schedule but {@link #close}.
 */
public final class MetricsPusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsPusher.class);
  static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** One kind of samples, for the node of the given id. */
  @FunctionalInterface
  public interface Source {
    List<MetricSample> sample(String nodeId) throws Exception;
  }

  private final ServerLink link;
  private final Supplier<String> nodeId;
  private final int intervalSeconds;
  private final List<Source> sources;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "metrics-pusher");
    t.setDaemon(true);
    return t;
  });
  private long lastWarnNanos;
  private boolean warnedYet;
  private int quieted;

  /** {@code nodeId}: the registered node's id, null while there is none. */
  public MetricsPusher(ServerLink link, Supplier<String> nodeId, int intervalSeconds, List<Source> sources) {
    if (intervalSeconds < 1) {
      throw new IllegalArgumentException("interval must be at least 1 s");
    }
    this.link = link;
    this.nodeId = nodeId;
    this.intervalSeconds = intervalSeconds;
    this.sources = List.copyOf(sources);
  }

  /** The node (from {@code host}) and its VMs (from {@code vms}). */
  public MetricsPusher(ServerLink link, Supplier<String> nodeId, int intervalSeconds, HostSampler host,
      VmSampler vms) {
    this(link, nodeId, intervalSeconds, List.of(host::sample, id -> vms.sample()));
  }

  public MetricsPusher start() {
    scheduler.scheduleWithFixedDelay(this::round, 0, intervalSeconds, TimeUnit.SECONDS);
    return this;
  }

  private void round() {
    try {
      pushOnce();
    } catch (Throwable e) { // the schedule must survive anything
      problem("metrics round failed: {}", e.toString());
    }
  }

  /** One round: samples every source and posts the report; true when the server took it. */
  boolean pushOnce() {
    String id = nodeId.get();
    Instant sampledAt = Instant.now();
    List<MetricSample> samples = new ArrayList<>();
    for (Source s : sources) {
      try {
        samples.addAll(s.sample(id));
      } catch (Throwable e) { // e.g. libvirt-java's native side: the other sources still report
        problem("cannot sample metrics: {}", e.toString());
      }
    }
    if (id == null) {
      return false; // not registered yet: the samples only set the baselines
    }
    try {
      link.post(AgentHttp.METRICS_PATH, new MetricsReport(id, sampledAt, samples));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
      return false;
    } catch (Exception e) {
      problem("metrics report dropped: {}", e.getMessage() == null ? e.toString() : e.getMessage());
      return false;
    }
  }

  /** WARN at most once a minute (with how many were quieted since), DEBUG otherwise. */
  private synchronized void problem(String format, String detail) {
    long now = System.nanoTime();
    if (!warnedYet || now - lastWarnNanos >= WARN_EVERY_NANOS) {
      LOG.warn(format + (quieted > 0 ? " (and " + quieted + " more metrics problems in the last minute)" : ""),
          detail);
      warnedYet = true;
      lastWarnNanos = now;
      quieted = 0;
    } else {
      quieted++;
      LOG.debug(format, detail);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
