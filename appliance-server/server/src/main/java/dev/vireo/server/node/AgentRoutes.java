package dev.vireo.server.node;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.NodeRegistration;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.agent.protocol.RegistrationReply;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.ha.HighAvailability;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints node agents call, authenticated by the cluster join token. */
public final class AgentRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRoutes.class);

  private final NodeStore nodes;
  private final ClusterStore clusters;
  private final AgentClient agents;
  private final DomainReports reports;
  private final EventBus events;
  private final HighAvailability ha;
  private final int heartbeatSeconds;
  private volatile java.util.function.Consumer<String> onRegistered = id -> { };

  public AgentRoutes(NodeStore nodes, ClusterStore clusters, AgentClient agents, DomainReports reports,
      EventBus events, HighAvailability ha, int heartbeatSeconds) {
    this.ha = ha;
    this.nodes = nodes;
    this.clusters = clusters;
    this.agents = agents;
    this.reports = reports;
    this.events = events;
    this.heartbeatSeconds = heartbeatSeconds;
  }

  /** Called with a node's id each time it registers (e.g. to give it its cluster's networks). */
  /** Adds a hook run with the node id after each registration (hooks run in the order added). */
  public AgentRoutes onRegistered(java.util.function.Consumer<String> hook) {
    this.onRegistered = this.onRegistered.andThen(hook);
    return this;
  }

  public void register(ApiRouter router) {
    router.post(AgentHttp.REGISTER_PATH, Access.AGENT, r -> {
          NodeRegistration reg = r.json(NodeRegistration.class);
          requireHttpUrl(reg.agentUrl());
          if (reg.agentToken() == null || reg.agentToken().isBlank() || reg.facts() == null) {
            throw ApiException.invalid("agentToken", "agentToken and facts are required");
          }
          if (reg.incarnation() != null && (reg.incarnation().isBlank() || reg.incarnation().length() > 64)) {
            throw ApiException.invalid("incarnation", "must be 1 to 64 characters when given");
          }
          if (reg.facts().hostname() == null || reg.facts().hostname().isBlank()) {
            throw ApiException.invalid("facts.hostname", "is required");
          }
          String id = nodes.upsert(joinedCluster(reg), reg.agentUrl(), reg.agentToken(), reg.facts());
          LOG.info("node {} ({}) registered from {}", id, reg.facts().hostname(), reg.agentUrl());
          agents.agentRestarted(id, reg.incarnation());
          if (nodes.get(id).map(n -> n.state()).orElse(null) == NodeState.DOWN) {
            ha.nodeIsBack(id, reg.facts().hostname(), names(reg.domains()));
          } else {
            events.publish("node", id, NodeState.CONNECTED.name());
            reports.fullReport(id, orEmpty(reg.domains()), Instant.now());
          }
          onRegistered.accept(id);
          return Response.ok(new RegistrationReply(id, heartbeatSeconds));
        })
        .post(AgentHttp.HEARTBEAT_PATH, Access.AGENT, r -> {
          Heartbeat hb = r.json(Heartbeat.class);
          if (hb.nodeId() == null || hb.facts() == null) {
            throw ApiException.invalid("nodeId", "nodeId and facts are required");
          }
          Node before = nodes.get(hb.nodeId()).orElse(null);
          if (before == null || !nodes.heartbeat(hb.nodeId(), hb.facts())) {
            throw new ApiException(404, "not_found", "nodeId", "node " + hb.nodeId() + " is not registered");
          }
          HeartbeatReply reply = ha.heartbeat(hb, before.clusterId());
          if (before.state() == NodeState.DOWN) {
            // what a node declared down reports is stale: HA moved its VMs; it is cleaned up first
            ha.nodeIsBack(hb.nodeId(), before.hostname(), names(hb.domains()));
            return Response.ok(reply);
          }
          if (before.state() != NodeState.CONNECTED) {
            LOG.info("node {} is back", hb.nodeId());
            events.publish("node", hb.nodeId(), NodeState.CONNECTED.name());
          }
          reports.fullReport(hb.nodeId(), orEmpty(hb.domains()), hb.sentAt() == null ? Instant.now() : hb.sentAt());
          return Response.ok(reply);
        })
        .post(AgentHttp.PEERS_PATH, Access.AGENT, r -> {
          PeerReport report = r.json(PeerReport.class);
          if (report.nodeId() == null || nodes.get(report.nodeId()).isEmpty()) {
            throw ApiException.invalid("nodeId", "must be a registered node");
          }
          ha.peerReport(report);
          return Response.noContent();
        })
        .post(AgentHttp.EVENTS_PATH, Access.AGENT, r -> {
          DomainEvent e = r.json(DomainEvent.class);
          if (e.nodeId() == null || e.domainName() == null || e.state() == null) {
            throw ApiException.invalid("domainName", "nodeId, domainName and state are required");
          }
          reports.event(e);
          return Response.noContent();
        })
        .post(AgentHttp.CALLBACK_PATH_PREFIX + "{taskId}", Access.AGENT, r -> {
          AgentTaskResult result = r.json(AgentTaskResult.class);
          agents.complete(r.path("taskId"), result);
          return Response.noContent();
        });
  }

  private static List<String> names(List<DomainStatus> domains) {
    return orEmpty(domains).stream().map(DomainStatus::domainName).toList();
  }

  /**
   * The cluster a registering node belongs to (ADR 0012): the one its agent names (by name or id;
   * unknown or of another CPU arch: 422 naming {@code cluster}); else the one it is in already;
   * else the default cluster. A known node with VMs is never moved by a registration (409).
   */
  private String joinedCluster(NodeRegistration reg) {
    var known = nodes.byAgentUrl(reg.agentUrl());
    if (reg.cluster() == null || reg.cluster().isBlank()) {
      return known.map(n -> n.clusterId()).orElseGet(() -> clusters.defaultCluster().id());
    }
    String wanted = reg.cluster().strip();
    Cluster c = clusters.get(wanted).or(() -> clusters.byName(wanted)).orElseThrow(() -> ApiException.invalid(
        "cluster", "unknown cluster '" + wanted + "' (set [agent] cluster to the name or id of an existing cluster;"
            + " known: " + String.join(", ", clusters.list().stream().map(Cluster::name).toList()) + ")"));
    String arch = c.arch().name().toLowerCase(Locale.ROOT);
    if (!arch.equals(reg.facts().arch())) {
      throw ApiException.invalid("cluster", "cluster " + c.name() + " is " + arch + " but this node is "
          + reg.facts().arch() + "; a node joins a cluster of its own CPU arch");
    }
    known.filter(n -> !n.clusterId().equals(c.id()) && n.vmCount() > 0).ifPresent(n -> {
      throw ApiException.conflict("node " + n.id() + " is in cluster " + n.clusterId() + " with " + n.vmCount()
          + " VM(s); it can move to cluster " + c.name() + " only when it has none");
    });
    return c.id();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static void requireHttpUrl(String url) {
    try {
      URI u = URI.create(url == null ? "" : url);
      if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw ApiException.invalid("agentUrl", "must be an http(s) URL with a host");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("agentUrl", "must be an http(s) URL with a host");
    }
  }
}
