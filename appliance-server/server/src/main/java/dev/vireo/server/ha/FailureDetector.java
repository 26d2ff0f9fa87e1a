package dev.vireo.server.ha;

import dev.vireo.api.model.NodeState;
import dev.vireo.server.node.NodeLiveness;
import dev.vireo.server.node.NodeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares a node failed (white paper 3.2.5) when both hold: the server has had no heartbeat from
 * it for the node timeout, and more than half of the other live nodes of its cluster (nodes not
 * DOWN) report it unreachable — counting only reporters the server itself still hears. A node
 * the server cannot hear but its peers can is a server-side problem, never a failover.
 */
public final class FailureDetector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FailureDetector.class);

  private final NodeStore nodes;
  private final PeerReports reports;
  private final Duration nodeTimeout;
  private final BiConsumer<NodeLiveness, String> declareDown;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ha-failure-detector");
    t.setDaemon(true);
    return t;
  });

  /** {@code declareDown} gets the failed node and the evidence, once per failure. */
  public FailureDetector(NodeStore nodes, PeerReports reports, Duration nodeTimeout,
      BiConsumer<NodeLiveness, String> declareDown) {
    this.nodes = nodes;
    this.reports = reports;
    this.nodeTimeout = nodeTimeout;
    this.declareDown = declareDown;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        check(Instant.now());
      } catch (RuntimeException e) {
        LOG.warn("HA check failed: {}", e.toString());
      }
    }, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** One round over every cluster; returns the ids of the nodes declared down in it. */
  public List<String> check(Instant now) {
    Instant cutoff = now.minus(nodeTimeout);
    Map<String, List<NodeLiveness>> byCluster = nodes.liveness().stream()
        .collect(Collectors.groupingBy(NodeLiveness::clusterId));
    List<String> declared = new java.util.ArrayList<>();
    for (List<NodeLiveness> cluster : byCluster.values()) {
      for (NodeLiveness suspect : cluster) {
        if (suspect.state() == NodeState.DOWN || heard(suspect, cutoff)) {
          continue;
        }
        List<NodeLiveness> voters = cluster.stream()
            .filter(n -> !n.id().equals(suspect.id()) && n.state() != NodeState.DOWN).toList();
        List<String> accusers = voters.stream()
            .filter(v -> heard(v, cutoff) && reports.reports(v.id(), suspect.id()))
            .map(NodeLiveness::hostname).toList();
        if (!voters.isEmpty() && accusers.size() * 2 > voters.size()) {
          String evidence = "no heartbeat for " + nodeTimeout.toSeconds() + " s and " + accusers.size() + " of "
              + voters.size() + " other nodes cannot reach it (" + String.join(", ", accusers) + ")";
          LOG.warn("node {} ({}) failed: {}", suspect.hostname(), suspect.id(), evidence);
          declared.add(suspect.id());
          declareDown.accept(suspect, evidence);
        }
      }
    }
    return declared;
  }

  private static boolean heard(NodeLiveness n, Instant cutoff) {
    return n.lastHeartbeatAt() != null && !n.lastHeartbeatAt().isBefore(cutoff);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
