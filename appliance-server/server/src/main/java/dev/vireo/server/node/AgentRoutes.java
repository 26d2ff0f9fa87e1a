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

  public void register(ApiRouter router) {
    router.post(AgentHttp.REGISTER_PATH, Access.AGENT, r -> {
          NodeRegistration reg = r.json(NodeRegistration.class);
          requireHttpUrl(reg.agentUrl());
          if (reg.agentToken() == null || reg.agentToken().isBlank() || reg.facts() == null) {
            throw ApiException.invalid("agentToken", "agentToken and facts are required");
          }
          if (reg.facts().hostname() == null || reg.facts().hostname().isBlank()) {
            throw ApiException.invalid("facts.hostname", "is required");
          }
          String id = nodes.upsert(clusters.defaultCluster().id(), reg.agentUrl(), reg.agentToken(), reg.facts());
          LOG.info("node {} ({}) registered from {}", id, reg.facts().hostname(), reg.agentUrl());
          agents.agentRestarted(id);
          if (nodes.get(id).map(n -> n.state()).orElse(null) == NodeState.DOWN) {
            ha.nodeIsBack(id, reg.facts().hostname(), names(reg.domains()));
          } else {
            events.publish("node", id, NodeState.CONNECTED.name());
            reports.fullReport(id, orEmpty(reg.domains()), Instant.now());
          }
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
