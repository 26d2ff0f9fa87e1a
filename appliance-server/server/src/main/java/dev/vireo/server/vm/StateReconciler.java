package dev.vireo.server.vm;

import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.node.DomainReports;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes VM states follow what nodes really run. A VM with a job queued or running is left to
 * the job; a report older than the VM's last change is ignored (it predates that change);
 * domains the inventory does not know are reported, never touched.
 */
public final class StateReconciler implements DomainReports {
  private static final Logger LOG = LoggerFactory.getLogger(StateReconciler.class);
  /** States a report may correct. CREATING/DELETING/DELETED/FAILED belong to their jobs. */
  private static final Set<VmState> RECONCILED = EnumSet.of(VmState.RUNNING, VmState.STOPPED, VmState.UNKNOWN,
      VmState.STARTING, VmState.STOPPING, VmState.POWERING_OFF, VmState.REBOOTING, VmState.SUSPENDED);
  private static final Duration CLOCK_SLACK = Duration.ofMillis(500);

  private final VmStore vms;
  private final JobEngine jobs;
  private final EventBus events;
  private final VmStateChange state;
  private final Set<String> reportedUnmanaged = ConcurrentHashMap.newKeySet();
  private volatile BiFunction<VmRecord, String, String> stoppedOnItsOwn = (vm, why) -> why;

  public StateReconciler(VmStore vms, JobEngine jobs, EventBus events) {
    this.vms = vms;
    this.jobs = jobs;
    this.events = events;
    this.state = new VmStateChange(vms, events);
  }

  /**
   * Told when a running VM stopped without a request (HA "never stop" restarts it); returns the
   * reason to record, or null when the VM is being started again.
   */
  public void onStoppedOnItsOwn(BiFunction<VmRecord, String, String> hook) {
    this.stoppedOnItsOwn = hook;
  }

  @Override
  public void fullReport(String nodeId, List<DomainStatus> domains, Instant observedAt) {
    Map<String, DomainStatus> byName = domains.stream()
        .collect(Collectors.toMap(DomainStatus::domainName, Function.identity(), (a, b) -> a));
    List<VmRecord> mine = vms.onNode(nodeId);
    for (VmRecord vm : mine) {
      DomainStatus d = byName.get(vm.id());
      apply(vm, d == null ? DomainPowerState.ABSENT : d.state(), observedAt);
    }
    Set<String> known = mine.stream().map(VmRecord::id).collect(Collectors.toSet());
    for (String name : byName.keySet()) {
      if (!known.contains(name) && reportedUnmanaged.add(nodeId + "/" + name)) {
        LOG.warn("node {} runs domain {} that no live VM of the inventory owns; left untouched", nodeId, name);
        events.publish("domain", name, "UNMANAGED");
      }
    }
  }

  @Override
  public void event(DomainEvent e) {
    vms.get(e.domainName())
        .filter(vm -> e.nodeId().equals(vm.nodeId()))
        .ifPresent(vm -> apply(vm, e.state(), e.at() == null ? Instant.now() : e.at()));
  }

  @Override
  public void nodeLost(String nodeId) {
    for (VmRecord vm : vms.onNode(nodeId)) {
      // a SUSPENDED VM runs nowhere: its memory is on the shared storage whatever became of its node
      if (RECONCILED.contains(vm.state()) && vm.state() != VmState.UNKNOWN && vm.state() != VmState.SUSPENDED
          && !jobs.busy(vm.id())) {
        String reason = "node " + nodeId + " stopped sending heartbeats; last known state " + vm.state();
        LOG.warn("VM {}: {}", vm.id(), reason);
        state.to(vm.id(), VmState.UNKNOWN, reason);
      }
    }
  }

  private void apply(VmRecord vm, DomainPowerState actual, Instant observedAt) {
    if (!RECONCILED.contains(vm.state()) || jobs.busy(vm.id())) {
      return;
    }
    if (vm.vm().updatedAt() != null && vm.vm().updatedAt().isAfter(observedAt.minus(CLOCK_SLACK))
        && vm.state() != VmState.UNKNOWN) {
      return;
    }
    VmState observed = observed(actual);
    if (observed == vm.state()) {
      return;
    }
    // Suspended to a file: the domain is shut off (or was lost on its node; the resume defines it
    // again) and its memory waits in the VM's directory. That is the expected picture, not a stop.
    if (vm.state() == VmState.SUSPENDED && observed == VmState.STOPPED) {
      return;
    }
    String reason = switch (vm.state()) {
      // Back from UNKNOWN: running as before needs no reason; anything else happened unseen.
      case UNKNOWN -> observed == VmState.RUNNING ? null : actual == DomainPowerState.ABSENT
          ? "the node came back without the domain; starting the VM defines it again"
          : "the guest stopped outside Vireo while its node was unreachable (node reports " + actual + ")";
      case RUNNING -> actual == DomainPowerState.ABSENT
          ? "the domain is no longer defined on its node; starting the VM defines it again"
          : "the guest stopped outside Vireo (node reports " + actual + ")";
      case STOPPED -> "the VM was started outside Vireo (node reports " + actual + ")";
      case SUSPENDED -> "the VM was started outside Vireo while suspended (node reports " + actual
          + "); it booted afresh, its saved memory is stale and will not be restored";
      default -> "an interrupted " + vm.state() + " ended with the node reporting " + actual;
    };
    LOG.info("VM {}: {} -> {} ({})", vm.id(), vm.state(), observed, reason == null ? "node reachable again" : reason);
    state.to(vm.id(), observed, reason);
    if (observed == VmState.STOPPED && (vm.state() == VmState.RUNNING || vm.state() == VmState.UNKNOWN)) {
      String after = stoppedOnItsOwn.apply(vm, reason);
      if (after != null && !after.equals(reason)) {
        state.to(vm.id(), VmState.STOPPED, after);
      }
    }
  }

  static VmState observed(DomainPowerState actual) {
    return switch (actual) {
      case RUNNING, PAUSED, BLOCKED, SHUTTING_DOWN, PMSUSPENDED -> VmState.RUNNING;
      case SHUTOFF, CRASHED, NOSTATE, ABSENT -> VmState.STOPPED;
    };
  }
}
