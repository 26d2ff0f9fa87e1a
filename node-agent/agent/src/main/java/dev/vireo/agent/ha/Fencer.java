package dev.vireo.agent.ha;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.FenceState;
import dev.vireo.agent.command.Hypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing (ADR 0013): when {@link NodeContact#mustFence()} holds, hard-powers-off every
 * running Vireo domain at once, in parallel, and stays fenced, destroying any Vireo domain that
 * runs again, until a heartbeat carrying {@link #reportedFencedAt()} has been accepted by the
 * server. Commands are refused from the moment of the decision ({@link #fencedAt()}); heartbeats
 * report it only once no Vireo domain runs any more, so the server may take it as "its VMs are off".
 */
public final class Fencer implements FenceState, AutoCloseable {
  static final String DOMAIN_PREFIX = "vm-";
  private static final Logger LOG = LoggerFactory.getLogger(Fencer.class);
  private static final long DESTROY_WAIT_SECONDS = 30;

  private final Hypervisor hypervisor;
  private final AtomicReference<Instant> fencedAt = new AtomicReference<>();
  private final AtomicReference<Instant> reported = new AtomicReference<>();
  private final ExecutorService destroyers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fencer");
    t.setDaemon(true);
    return t;
  });

  public Fencer(Hypervisor hypervisor) {
    this.hypervisor = hypervisor;
  }

  @Override
  public Instant fencedAt() {
    return fencedAt.get();
  }

  /** When the node fenced itself, once every Vireo domain is off: what heartbeats carry; else null. */
  public Instant reportedFencedAt() {
    return reported.get();
  }

  /** Fences when the rule holds; while fenced, destroys whatever Vireo domain runs again. */
  public synchronized void check(NodeContact contact) {
    Instant since = fencedAt.get();
    if (since != null) {
      Destroyed again = destroyRunning();
      if (!again.names().isEmpty()) {
        LOG.warn("FENCED since {}: destroyed {} again", since, again.names());
      }
      confirmIfAllOff(since, again);
      return;
    }
    if (!contact.mustFence()) {
      return;
    }
    Instant at = Instant.now();
    fencedAt.set(at);
    long started = System.nanoTime();
    Destroyed destroyed = destroyRunning();
    LOG.warn("FENCED at {}: no heartbeat accepted by the server for {} ms and {} of {} nodes of the cluster"
        + " reachable (counting this one); destroyed {} in {} ms; this node runs no VM until the server has"
        + " seen it fenced", at, contact.sinceAcceptedHeartbeat().toMillis(), contact.reachablePeers() + 1,
        contact.peers() + 1, destroyed.names(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    confirmIfAllOff(at, destroyed);
  }

  private void confirmIfAllOff(Instant at, Destroyed pass) {
    if (pass.allOff() && reported.get() == null) {
      reported.set(at);
    }
  }

  /** A heartbeat carrying {@code carried} was accepted: the server knows, fencing ends. */
  public void heartbeatAccepted(Instant carried) {
    Instant current = reported.get();
    if (carried != null && carried.equals(current) && reported.compareAndSet(current, null)) {
      fencedAt.compareAndSet(current, null);
      LOG.warn("fencing of {} lifted: the server has seen it", current);
    }
  }

  /** The domains one pass destroyed, and whether every Vireo domain is off after it. */
  private record Destroyed(List<String> names, boolean allOff) {}

  /** Destroys every running Vireo domain in parallel. */
  private Destroyed destroyRunning() {
    List<String> running;
    try {
      running = hypervisor.domains(DOMAIN_PREFIX).stream()
          .filter(d -> d.state() != DomainPowerState.SHUTOFF && d.state() != DomainPowerState.ABSENT)
          .map(DomainStatus::domainName)
          .toList();
    } catch (RuntimeException e) {
      LOG.error("fenced, but cannot list the domains to destroy (retrying next round): {}", e.getMessage());
      return new Destroyed(List.of(), false);
    }
    Map<String, Future<?>> calls = new LinkedHashMap<>();
    for (String name : running) {
      calls.put(name, destroyers.submit(() -> hypervisor.destroy(name)));
    }
    List<String> destroyed = new ArrayList<>();
    boolean allOff = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DESTROY_WAIT_SECONDS);
    for (Map.Entry<String, Future<?>> call : calls.entrySet()) {
      try {
        call.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        destroyed.add(call.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof CommandFailedException c && "DOMAIN_NOT_FOUND".equals(c.code()))) {
          LOG.error("fenced, but destroying {} failed (retrying next round): {}", call.getKey(), e.getCause().toString());
          allOff = false;
        }
      } catch (TimeoutException e) {
        LOG.error("fenced, but {} is still being destroyed after {} s", call.getKey(), DESTROY_WAIT_SECONDS);
        allOff = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Destroyed(destroyed, false);
      }
    }
    return new Destroyed(destroyed, allOff);
  }

  @Override
  public void close() {
    destroyers.shutdownNow();
  }
}
