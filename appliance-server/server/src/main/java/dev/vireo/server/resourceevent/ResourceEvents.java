package dev.vireo.server.resourceevent;

import dev.vireo.api.model.ResourceEvent;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.oplog.RegionLookup;
import dev.vireo.server.resourceevent.ResourceEventMapping.FinishedJob;
import dev.vireo.server.resourceevent.ResourceEventMapping.Occurrence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource events (white paper 5.13.1, ADR 0035): listens to the event bus, turns VM and node
 * state changes and finished jobs on them into events through {@link ResourceEventMapping},
 * records them in the {@link ResourceEventLog} with their region, tells the listeners (notification
 * rules), and purges events past the retention at start and every six hours. A failure to record
 * is logged, never the publisher's.
 */
public final class ResourceEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);
  private final Jdbi jdbi;
  private final ResourceEventLog log;
  private final List<Consumer<ResourceEvent>> listeners = new CopyOnWriteArrayList<>();
  /** Per track and resource ("vm:vm-…"): the state last seen and the last stable one (not STOPPING…). */
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Runnable unsubscribe;
  private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "resource-event-purge");
    t.setDaemon(true);
    return t;
  });

  private record Seen(String last, String lastStable) {}

  public ResourceEvents(Jdbi jdbi, EventBus events) {
    this.jdbi = jdbi;
    this.log = new ResourceEventLog(jdbi);
    seedStates();
    this.unsubscribe = events.subscribe(this::onEvent);
    purger.scheduleWithFixedDelay(this::purge, 0, 6, TimeUnit.HOURS);
  }

  public ResourceEventLog log() {
    return log;
  }

  /**
   * Calls {@code listener} after each recorded event, new or repeated (then with its new count),
   * on the publisher's thread: it must return quickly and hand slow work (mail) to its own thread.
   * A listener that throws is logged and does not stop the others. Returns the unsubscribe action.
   */
  public Runnable listen(Consumer<ResourceEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The states the store holds now, so a state published again after a restart is no news. */
  private void seedStates() {
    jdbi.useHandle(h -> {
      h.createQuery("SELECT id, state FROM vms").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> seen.put("vm:" + e.getKey(), seed("vm", e.getValue())));
      h.createQuery("SELECT id, state FROM nodes").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> seen.put("node:" + e.getKey(), seed("node", e.getValue())));
    });
  }

  private static Seen seed(String track, String state) {
    return new Seen(state, ResourceEventMapping.isStable(track, state) ? state : null);
  }

  void onEvent(ServerEvent e) {
    try {
      Optional<Occurrence> o = e.kind().equals("job") ? jobEnded(e) : stateChanged(e);
      o.ifPresent(occurrence -> record(occurrence, e.at()));
    } catch (RuntimeException ex) {
      LOG.error("resource events: could not record {} {} {}", e.kind(), e.id(), e.state(), ex);
    }
  }

  private synchronized Optional<Occurrence> stateChanged(ServerEvent e) {
    String track = ResourceEventMapping.track(e.kind(), e.state());
    if (track == null) {
      return Optional.empty();
    }
    String key = track + ":" + e.id();
    Seen before = seen.get(key);
    Optional<Occurrence> o = ResourceEventMapping.stateChanged(track, e.id(), before == null ? null : before.last(),
        before == null ? null : before.lastStable(), e.state());
    String stable = ResourceEventMapping.isStable(track, e.state()) ? e.state()
        : before == null ? null : before.lastStable();
    seen.put(key, new Seen(e.state(), stable));
    return o;
  }

  private Optional<Occurrence> jobEnded(ServerEvent e) {
    if (!e.state().equals("SUCCEEDED") && !e.state().equals("FAILED")) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT type, state, resource_type, resource_id, error, context_json"
            + " FROM jobs WHERE id = :id").bind("id", e.id())
        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6)})
        .findFirst())
        .flatMap(j -> ResourceEventMapping.jobEnded(new FinishedJob(j[0], j[1], j[2], j[3], j[4],
            j[1].equals("SUCCEEDED") ? JobDetail.of(jdbi, j[0], j[2], j[3], j[5]) : null)));
  }

  /** Records one occurrence and tells the listeners; public for sources other than the bus. */
  public ResourceEvent record(Occurrence o, Instant at) {
    String region = jdbi.withHandle(h -> RegionLookup.regionOf(h, List.of(o.resourceId())));
    ResourceEvent event = log.record(o, region, at);
    for (Consumer<ResourceEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException ex) {
        LOG.error("resource events: a listener failed on event {}", event.id(), ex);
      }
    }
    return event;
  }

  private void purge() {
    try {
      int n = log.purgeOlderThan(Instant.now().minus(ResourceEventQuery.RETENTION));
      if (n > 0) {
        LOG.info("resource events: purged {} events older than {} days", n, ResourceEventQuery.RETENTION.toDays());
      }
    } catch (RuntimeException e) {
      LOG.error("resource events: purge failed", e);
    }
  }

  @Override
  public void close() {
    unsubscribe.run();
    purger.shutdownNow();
  }
}
