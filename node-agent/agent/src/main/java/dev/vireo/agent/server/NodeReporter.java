package dev.vireo.agent.server;

import dev.vireo.agent.Json;
import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.NodeRegistration;
import dev.vireo.agent.protocol.RegistrationReply;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the node, sends heartbeats (facts, every Vireo domain, and HA's unreachable peers and
 * fencing) and forwards lifecycle events. Re-registers when the server no longer knows the node.
 * Keeps the server's latest {@link HeartbeatReply} and when the last accepted heartbeat was sent.
 */
public final class NodeReporter implements AutoCloseable {
  static final String DOMAIN_PREFIX = "vm-";
  private static final Logger LOG = LoggerFactory.getLogger(NodeReporter.class);

  private final ServerLink link;
  private final Hypervisor hypervisor;
  private final String agentUrl;
  private final String agentToken;
  private final String cluster;
  private final HeartbeatHa ha;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "node-reporter");
    t.setDaemon(true);
    return t;
  });
  private volatile String nodeId;
  private volatile int heartbeatSeconds = 5;
  private volatile HeartbeatReply latestReply;
  private volatile Long lastAcceptedNanos;

  public NodeReporter(ServerLink link, Hypervisor hypervisor, String agentUrl, String agentToken) {
    this(link, hypervisor, agentUrl, agentToken, null, HeartbeatHa.NONE);
  }

  /**
   * {@code cluster}: the cluster (name or id) to join, or null to let the server decide; {@code ha}
   * carries the HA state in heartbeats and takes the server's replies.
   */
  public NodeReporter(ServerLink link, Hypervisor hypervisor, String agentUrl, String agentToken, String cluster,
      HeartbeatHa ha) {
    this.cluster = cluster;
    this.link = link;
    this.hypervisor = hypervisor;
    this.agentUrl = agentUrl;
    this.agentToken = agentToken;
    this.ha = ha;
  }

  /** The server's latest heartbeat reply (peers and HA settings), or null before the first. */
  public HeartbeatReply latestReply() {
    return latestReply;
  }

  /** {@link System#nanoTime()} when the last heartbeat the server accepted was sent, or null. */
  public Long lastAcceptedNanos() {
    return lastAcceptedNanos;
  }

  public String nodeId() {
    return nodeId;
  }

  public void start() {
    hypervisor.onLifecycleEvent(this::forward);
    scheduler.execute(this::registerOrRetry);
  }

  private void registerOrRetry() {
    try {
      NodeRegistration reg = new NodeRegistration(agentUrl, agentToken, "0.1.0", hypervisor.facts(),
          hypervisor.domains(DOMAIN_PREFIX), cluster, dev.vireo.agent.AgentIncarnation.ID);
      RegistrationReply reply = Json.MAPPER.readValue(link.post(AgentHttp.REGISTER_PATH, reg), RegistrationReply.class);
      nodeId = reply.nodeId();
      heartbeatSeconds = Math.max(1, reply.heartbeatSeconds());
      LOG.info("registered with {} as node {}", link.serverUrl(), nodeId);
      // At once: the reply names the peers to probe (HA), no reason to wait a period for them.
      scheduler.execute(this::heartbeat);
    } catch (Exception e) {
      if (e instanceof ServerLink.RejectedException r && r.status() / 100 == 4) {
        // Refused (e.g. an unknown cluster in [agent] cluster): the operator must act; retry slowly.
        LOG.warn("registration refused by {} ({}), retrying in 15 s", link.serverUrl(), e.getMessage());
        scheduler.schedule(this::registerOrRetry, 15, TimeUnit.SECONDS);
        return;
      }
      LOG.info("registration with {} failed ({}), retrying in 2 s", link.serverUrl(), e.getMessage());
      scheduler.schedule(this::registerOrRetry, 2, TimeUnit.SECONDS);
    }
  }

  private void heartbeat() {
    try {
      sendHeartbeat();
    } catch (ServerLink.RejectedException e) {
      if (e.status() == 404 || e.status() == 410) {
        LOG.info("server forgot node {}, registering again", nodeId);
        nodeId = null;
        scheduler.execute(this::registerOrRetry);
        return;
      }
      LOG.warn("heartbeat refused: {}", e.getMessage());
    } catch (Exception e) {
      LOG.info("heartbeat failed: {}", e.getMessage());
    }
    scheduler.schedule(this::heartbeat, heartbeatSeconds, TimeUnit.SECONDS);
  }

  private void sendHeartbeat() throws IOException, InterruptedException {
    long sent = System.nanoTime();
    String id = nodeId;
    List<String> unreachable = ha.unreachablePeers();
    Instant fencedAt = ha.fencedAt();
    byte[] body = link.post(AgentHttp.HEARTBEAT_PATH, new Heartbeat(id, Instant.now(), hypervisor.facts(),
        hypervisor.domains(DOMAIN_PREFIX), unreachable, fencedAt));
    lastAcceptedNanos = sent;
    HeartbeatReply reply = parseReply(body);
    if (reply != null) {
      latestReply = reply;
    }
    ha.accepted(new HeartbeatHa.Accepted(id, sent, fencedAt, reply));
  }

  /** An empty body (a server that answers 204) means "no change". */
  private static HeartbeatReply parseReply(byte[] body) {
    if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(body, HeartbeatReply.class);
    } catch (IOException e) {
      LOG.warn("unreadable heartbeat reply, keeping the previous one: {}", e.getMessage());
      return null;
    }
  }

  private void forward(String domain, DomainPowerState state, String reason) {
    if (!domain.startsWith(DOMAIN_PREFIX) || nodeId == null) {
      return;
    }
    DomainEvent event = new DomainEvent(nodeId, domain, state, reason, Instant.now());
    scheduler.execute(() -> {
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          link.post(AgentHttp.EVENTS_PATH, event);
          return;
        } catch (Exception e) {
          LOG.debug("event for {} not delivered: {}", domain, e.getMessage());
        }
      }
      // The next heartbeat carries the state anyway.
    });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
