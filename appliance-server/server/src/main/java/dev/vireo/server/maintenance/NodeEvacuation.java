package dev.vireo.server.maintenance;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.VmState;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.job.JobEngine;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.vm.MigrateVmJob;
import dev.vireo.server.vm.RehomeVmJob;
import dev.vireo.server.vm.VmRecord;
import dev.vireo.server.vm.VmStore;
import dev.vireo.server.vm.VmTransitions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties a node, one VM at a time: a RUNNING VM live-migrates (a MIGRATE_VM job, the scheduler
 * chooses among the other nodes of its cluster with its isolation groups), a STOPPED, FAILED or
 * SUSPENDED one has its definition moved (a REHOME_VM job; a suspended VM's memory image is on the
 * shared storage and is restored on the new node). A VM in a transient state (a job of its own runs) is
 * waited for. The first VM that cannot be moved ends the evacuation with its name and the reason;
 * the VMs moved before stay moved. Re-runnable: after a restart it continues with what is left.
 */
final class NodeEvacuation {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEvacuation.class);
  /** How long VMs busy with their own jobs (starting, stopping, …) are waited for. */
  static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);
  /** A VM's move (a live migration of a busy TCG guest included) may take this long. */
  static final Duration MOVE_TIMEOUT = Duration.ofMinutes(20);
  private static final long POLL_MILLIS = 200;
  /** A VM that comes back this often (started there again by someone) ends the evacuation. */
  private static final int MAX_MOVES_PER_VM = 3;

  private final VmStore vms;
  private final JobEngine engine;
  private final VmTransitions transitions;
  private final MigrateVmJob migrateJob;
  private final RehomeVmJob rehomeJob;

  NodeEvacuation(VmStore vms, JobEngine engine, VmTransitions transitions, MigrateVmJob migrateJob,
      RehomeVmJob rehomeJob) {
    this.vms = vms;
    this.engine = engine;
    this.transitions = transitions;
    this.migrateJob = migrateJob;
    this.rehomeJob = rehomeJob;
  }

  /** Returns when no live VM is recorded on the node; throws naming the VM that cannot be moved. */
  void evacuate(String nodeId) throws JobFailedException, InterruptedException {
    Map<String, Integer> moves = new HashMap<>();
    long settleDeadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      // oldest first: a repeatable order the job's progress can be read in
      List<VmRecord> left = vms.onNode(nodeId).stream()
          .sorted(Comparator.comparing((VmRecord r) -> r.vm().createdAt()).thenComparing(VmRecord::id)).toList();
      if (left.isEmpty()) {
        return;
      }
      Optional<VmRecord> next = left.stream().filter(this::movable).findFirst();
      if (next.isEmpty()) {
        for (VmRecord r : left) {
          if (r.state() == VmState.UNKNOWN && !engine.busy(r.id())) {
            throw new JobFailedException(describe(r) + " is UNKNOWN (its node does not say whether it runs);"
                + " it cannot be moved until its state is known");
          }
        }
        if (System.nanoTime() > settleDeadline) {
          throw new JobFailedException("VMs still busy on node " + nodeId + " after " + SETTLE_TIMEOUT.toMinutes()
              + " min: " + String.join(", ", left.stream().map(r -> describe(r) + " " + r.state()).toList()));
        }
        Thread.sleep(POLL_MILLIS);
        continue;
      }
      VmRecord vm = next.get();
      if (moves.merge(vm.id(), 1, Integer::sum) > MAX_MOVES_PER_VM) {
        throw new JobFailedException(describe(vm) + " keeps coming back to node " + nodeId);
      }
      move(vm);
      settleDeadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    }
  }

  private boolean movable(VmRecord r) {
    return (r.state() == VmState.RUNNING || r.state() == VmState.STOPPED || r.state() == VmState.FAILED
        || r.state() == VmState.SUSPENDED) // its memory is on the shared storage: only the definition moves
        && !engine.busy(r.id());
  }

  private void move(VmRecord vm) throws JobFailedException, InterruptedException {
    Accepted a;
    try {
      a = vm.state() == VmState.RUNNING ? transitions.migrate(vm, null, migrateJob)
          : transitions.rehome(vm, rehomeJob, migrateJob);
    } catch (ApiException e) {
      if (e.status() == 409) {
        LOG.info("{} changed state while the node was evacuated ({}); looking again", vm.id(), e.getMessage());
        return;
      }
      // 422 from the placement: names the rule (capacity, a hard isolation group, no eligible node)
      throw new JobFailedException("cannot move " + describe(vm) + ": " + withoutField(e));
    }
    Job job = await(a.jobId());
    if (job.state() != JobState.SUCCEEDED) {
      throw new JobFailedException("cannot move " + describe(vm) + ": " + job.type() + " job " + job.id() + " "
          + job.state() + ": " + job.error());
    }
    LOG.info("{} moved off its node by {} job {}", vm.id(), job.type(), job.id());
  }

  private Job await(String jobId) throws JobFailedException, InterruptedException {
    long deadline = System.nanoTime() + MOVE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Job job = engine.get(jobId);
      if (job != null && job.state().isFinal()) {
        return job;
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new JobFailedException("job " + jobId + " did not end within " + MOVE_TIMEOUT.toMinutes() + " min");
  }

  private static String describe(VmRecord r) {
    return "VM '" + r.vm().name() + "' (" + r.id() + ")";
  }

  private static String withoutField(ApiException e) {
    String m = e.getMessage();
    return e.field() != null && m.startsWith(e.field() + ": ") ? m.substring(e.field().length() + 2) : m;
  }
}
