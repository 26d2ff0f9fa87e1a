package dev.vireo.agent.ha;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerNode;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.agent.server.HeartbeatHa;
import dev.vireo.agent.server.ServerLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every peer of the node's cluster each {@code probeIntervalSeconds}, all at once (white
 * paper 3.2.5, ADR 0013); reports a change in which peers are unreachable to the server at once;
 * asks the {@link Fencer} every second and after every probe round. Peers and settings follow the
 * server's latest heartbeat reply.
 */
public final class PeerMonitor implements HeartbeatHa, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerMonitor.class);

  private final ServerLink link;
  private final Fencer fencer;
  private final LastKnownCluster lastKnown;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "peer-monitor"));
  private final ExecutorService probeThreads = Executors.newCachedThreadPool(r -> daemon(r, "peer-probe"));
  private final ExecutorService reportSender = Executors.newSingleThreadExecutor(r -> daemon(r, "peer-report"));
  private final PeerProbe probe = new PeerProbe(probeThreads);
  private final AtomicReference<PeerReport> pendingReport = new AtomicReference<>();

  private volatile HeartbeatReply settings;
  private volatile String nodeId;
  private volatile Long acceptedNanos;
  private volatile List<String> unreachable = List.of();
  // guarded by this
  private final Map<String, PeerHealth> table = new LinkedHashMap<>();
  private int ticksSinceRound = Integer.MAX_VALUE / 2;

  public PeerMonitor(ServerLink link, Fencer fencer) {
    this(link, fencer, null);
  }

  /** {@code lastKnownFile}: where the latest reply is kept across restarts (null: nowhere). */
  public PeerMonitor(ServerLink link, Fencer fencer, java.nio.file.Path lastKnownFile) {
    this.link = link;
    this.fencer = fencer;
    this.lastKnown = new LastKnownCluster(lastKnownFile);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts ticking. Until the server accepts a heartbeat, the last known cluster applies, and the
   * server counts as lost since too long: a restarted agent cannot know when it was last heard.
   */
  public void start() {
    if (settings == null) {
      lastKnown.load().ifPresent(saved -> {
        nodeId = saved.nodeId();
        settings = saved.reply();
        acceptedNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(saved.reply().fenceAfterSeconds() + 1L);
        LOG.info("until the server answers, probing the peers last known {} and counting the server as unheard"
            + " for more than {} s (a restarted agent cannot know when it was last heard)", saved.reply().peers(),
            saved.reply().fenceAfterSeconds());
      });
    }
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  public List<String> unreachablePeers() {
    return unreachable;
  }

  @Override
  public Instant fencedAt() {
    return fencer.reportedFencedAt();
  }

  @Override
  public void accepted(Accepted heartbeat) {
    nodeId = heartbeat.nodeId();
    acceptedNanos = heartbeat.sentNanos();
    if (heartbeat.reply() != null) {
      if (!heartbeat.reply().equals(settings)) {
        lastKnown.save(heartbeat.nodeId(), heartbeat.reply());
      }
      settings = heartbeat.reply();
    }
    fencer.heartbeatAccepted(heartbeat.fencedAt());
  }

  private void tick() {
    try {
      HeartbeatReply s = settings;
      boolean due;
      synchronized (this) {
        due = s != null && ++ticksSinceRound >= Math.max(1, s.probeIntervalSeconds());
      }
      if (due) {
        probeRound();
      }
      checkFence();
    } catch (RuntimeException e) {
      LOG.error("peer monitor tick failed", e);
    }
  }

  /**
   * Probes every peer once. Rounds start on time even while a probe of the last one is still
   * waiting (a partitioned peer answers nothing, and its timeout may reach the interval); each
   * result is recorded as it comes. Completes when all are recorded and fencing was checked.
   */
  CompletableFuture<Void> probeRound() {
    HeartbeatReply s = settings;
    if (s == null) {
      return CompletableFuture.completedFuture(null);
    }
    List<PeerHealth> targets;
    synchronized (this) {
      ticksSinceRound = 0;
      followPeers(s.peers());
      targets = new ArrayList<>(table.values());
    }
    Duration timeout = PeerProbe.timeoutFor(Math.max(1, s.probeIntervalSeconds()));
    CompletableFuture<?>[] recorded = targets.stream()
        .map(peer -> probe.probe(peer.node().probeUrl(), timeout)
            .thenAcceptAsync(answered -> record(peer, answered, s.probeRetries()), ticker))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(recorded).thenRunAsync(this::checkFence, ticker);
  }

  private synchronized void record(PeerHealth peer, boolean answered, int retries) {
    if (peer.record(answered, retries)) {
      LOG.info("peer {} ({}) is {}", peer.node().nodeId(), peer.node().hostname(),
          peer.unreachable() ? "UNREACHABLE" : "reachable again");
      publishIfChanged();
    }
  }

  /** Adds new peers (reachable until probed), forgets removed ones; guarded by this. */
  private void followPeers(List<PeerNode> peers) {
    Set<String> wanted = new HashSet<>();
    for (PeerNode p : peers == null ? List.<PeerNode>of() : peers) {
      if (p == null || p.nodeId() == null || p.nodeId().equals(nodeId)) {
        continue;
      }
      wanted.add(p.nodeId());
      table.computeIfAbsent(p.nodeId(), id -> new PeerHealth(p)).update(p);
    }
    table.keySet().retainAll(wanted);
    publishIfChanged();
  }

  /** Guarded by this. */
  private void publishIfChanged() {
    List<String> now = table.values().stream().filter(PeerHealth::unreachable)
        .map(p -> p.node().nodeId()).sorted().toList();
    if (now.equals(unreachable)) {
      return;
    }
    unreachable = now;
    pendingReport.set(new PeerReport(nodeId, Instant.now(), now));
    reportSender.execute(this::sendReport);
  }

  /** Best effort, the latest report only: every heartbeat carries the same list anyway. */
  private void sendReport() {
    PeerReport report = pendingReport.getAndSet(null);
    if (report == null) {
      return;
    }
    try {
      link.post(AgentHttp.PEERS_PATH, report);
    } catch (Exception e) {
      LOG.info("peer report not delivered ({}); the next heartbeat carries it", e.toString());
    }
  }

  private void checkFence() {
    HeartbeatReply s = settings;
    Long accepted = acceptedNanos;
    if (s == null || accepted == null) {
      return;
    }
    int peers;
    int reachable;
    synchronized (this) {
      peers = table.size();
      reachable = (int) table.values().stream().filter(p -> !p.unreachable()).count();
    }
    fencer.check(new NodeContact(s.haEnabled(), peers, reachable,
        Duration.ofNanos(System.nanoTime() - accepted), s.fenceAfterSeconds()));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    probeThreads.shutdownNow();
    reportSender.shutdownNow();
  }
}
