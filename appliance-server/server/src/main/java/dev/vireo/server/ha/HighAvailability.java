package dev.vireo.server.ha;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerNode;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.cluster.InventoryBootstrap;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Submission;
import dev.vireo.server.node.NodeLiveness;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmPlacer;
import dev.vireo.server.vm.VmStateChange;
import dev.vireo.server.vm.VmStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HA restart (white paper 3.2.5, 4.2.18; ADR 0014): the nodes' peer reports, the failure
 * detector, the failover / restart / return jobs, and the restart of "never stop" VMs that stop
 * on their own. Agents probe, fence and report (ADR 0013); the server decides.
 */
public final class HighAvailability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HighAvailability.class);
  /** White paper 3.2.5: a peer is unreachable after the first failed probe and 3 retries. */
  public static final int PROBE_RETRIES = 3;
  /** Added to the probe interval: how long the server waits for a failed node to fence itself. */
  static final Duration FENCE_GRACE_EXTRA = Duration.ofSeconds(3);

  private final NodeStore nodes;
  private final ClusterStore clusters;
  private final Submission submission;
  private final EventBus events;
  private final AgentClient agents;
  private final Consumer<String> vmsLost;
  private final int heartbeatSeconds;
  private final Duration nodeTimeout;
  private final PeerReports reports = new PeerReports();
  private final NeverStopRestarts neverStop;
  private final NodeFailoverJob failoverJob;
  private final HaRestartVmJob restartJob;
  private final NodeReturnJob returnJob;
  private final FailureDetector detector;

  /**
   * {@code vmsLost} marks a lost node's VMs UNKNOWN (the reconciler); {@code starter} starts a VM
   * the way {@code POST /vms/{id}/start} does.
   */
  public HighAvailability(NodeStore nodes, ClusterStore clusters, VmStore vms, VmHost host, VmPlacer placer,
      Submission submission, EventBus events, AgentClient agents, Consumer<String> vmsLost,
      Function<String, Accepted> starter, int heartbeatSeconds, Duration nodeTimeout) {
    this.nodes = nodes;
    this.clusters = clusters;
    this.submission = submission;
    this.events = events;
    this.agents = agents;
    this.vmsLost = vmsLost;
    this.heartbeatSeconds = heartbeatSeconds;
    this.nodeTimeout = nodeTimeout;
    this.neverStop = new NeverStopRestarts(starter);
    this.restartJob = new HaRestartVmJob(vms, placer, host, events);
    this.failoverJob = new NodeFailoverJob(vms, nodes, reports, new VmStateChange(vms, events), this::restart);
    this.returnJob = new NodeReturnJob(vms, nodes, host, reports, events);
    this.detector = new FailureDetector(nodes, reports, nodeTimeout, this::declareDown);
  }

  public List<JobType<?>> jobTypes() {
    return List.of(failoverJob, restartJob, returnJob);
  }

  public void start() {
    detector.start();
  }

  public FailureDetector detector() {
    return detector;
  }

  public NeverStopRestarts neverStop() {
    return neverStop;
  }

  /** A heartbeat arrived: remember the node's view of its peers; tell it whom to probe. */
  public HeartbeatReply heartbeat(Heartbeat hb, String clusterId) {
    reports.record(hb.nodeId(), hb.unreachablePeers());
    reports.fenced(hb.nodeId(), hb.fencedAt());
    return replyFor(hb.nodeId(), clusterId);
  }

  public void peerReport(PeerReport report) {
    reports.record(report.nodeId(), report.unreachable());
    if (report.unreachable() != null && !report.unreachable().isEmpty()) {
      LOG.info("node {} cannot reach {}", report.nodeId(), report.unreachable());
    }
  }

  /** The settings and peers for a node of the cluster: every other node that is not DOWN. */
  public HeartbeatReply replyFor(String nodeId, String clusterId) {
    List<PeerNode> peers = nodes.liveness(clusterId).stream()
        .filter(n -> !n.id().equals(nodeId) && n.state() != NodeState.DOWN)
        .map(n -> new PeerNode(n.id(), n.hostname(), n.agentUrl() + AgentHttp.HEALTH_PATH)).toList();
    return new HeartbeatReply(peers, probeInterval(clusterId), PROBE_RETRIES, fenceAfterSeconds(), true);
  }

  /**
   * An agent fences when the server has not accepted its heartbeats for this long: a heartbeat
   * period less than the time after which the server may declare it down, so it always fences
   * first (and the server adds a grace period on top).
   */
  int fenceAfterSeconds() {
    return (int) Math.max(1, nodeTimeout.toSeconds() - heartbeatSeconds);
  }

  private int probeInterval(String clusterId) {
    return clusters.get(clusterId).map(c -> c.haProbeIntervalSeconds())
        .orElse(InventoryBootstrap.HA_PROBE_DEFAULT_SECONDS);
  }

  /**
   * A DOWN node is heard again (heartbeat or registration): once no HA job of it is pending, its
   * stale definitions are removed and it returns to service. Repeated heartbeats do not pile up jobs.
   */
  public void nodeIsBack(String nodeId, String hostname, List<String> domains) {
    if (submission.engine().busy(nodeId)) {
      return; // the failover is still running; the next heartbeat comes back here
    }
    LOG.info("node {} ({}) is heard again after it was declared down: cleaning it up", hostname, nodeId);
    submission.submit(h -> submission.job(h, returnJob, new NodeReturnJob.Context(nodeId, hostname, domains), "node",
        nodeId));
  }

  private void declareDown(NodeLiveness node, String evidence) {
    Instant now = Instant.now();
    if (!nodes.markDown(node.id(), now)) {
      return;
    }
    events.publish("node", node.id(), NodeState.DOWN.name());
    agents.nodeLost(node.id()); // calls waiting on it fail now
    vmsLost.accept(node.id());
    Instant notBefore = now.plusSeconds(probeInterval(node.clusterId())).plus(FENCE_GRACE_EXTRA);
    LOG.warn("node {} is DOWN ({}); its VMs are handled from {}", node.hostname(), evidence, notBefore);
    submission.submit(h -> submission.job(h, failoverJob, new NodeFailoverJob.Context(node.id(), node.hostname(),
        now.toEpochMilli(), notBefore.toEpochMilli()), "node", node.id()));
  }

  private void restart(String vmId, String failedNodeId) {
    submission.submit(h -> submission.job(h, restartJob, new HaRestartVmJob.Context(vmId, failedNodeId), "vm", vmId));
  }

  @Override
  public void close() {
    detector.close();
  }
}
