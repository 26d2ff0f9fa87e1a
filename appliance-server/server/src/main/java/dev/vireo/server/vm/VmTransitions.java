package dev.vireo.server.vm;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.VmState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.NoOpJob;
import dev.vireo.server.job.Submission;

/**
 * Submits a VM's operation as a job after checking, in the same transaction, that the VM's state
 * allows it ({@link VmOperation}); shared by the VM routes and by node maintenance, which moves
 * VMs with the same jobs a user would start.
 */
public final class VmTransitions {
  private final VmStore vms;
  private final Submission submission;
  private final EventBus events;
  private final NoOpJob noOp;

  public VmTransitions(VmStore vms, Submission submission, EventBus events, NoOpJob noOp) {
    this.vms = vms;
    this.submission = submission;
    this.events = events;
    this.noOp = noOp;
  }

  /** 409 when the VM's state does not allow {@code op}; a NO_OP job when its target holds already. */
  public <C> Accepted submit(VmRecord vm, VmOperation op, C context, JobType<C> job) {
    Accepted a = submission.submit(h -> {
      VmState now = VmStore.stateOf(h, vm.id());
      if (op.alreadyDone(now)) {
        return submission.job(h, noOp, new NoOpJob.Context(vm.id(), "VM is already " + now), "vm", vm.id());
      }
      if (now == VmState.DELETED) {
        throw ApiException.conflict("VM " + vm.id() + " is deleted");
      }
      if (!op.allowedFrom(now)) {
        throw ApiException.conflict("cannot " + op.verb() + " VM " + vm.id() + " while it is " + now);
      }
      vms.setState(h, vm.id(), op.during(), null);
      return submission.job(h, job, context, "vm", vm.id());
    });
    events.publish("vm", vm.id(), vms.get(vm.id()).map(v -> v.state().name()).orElse("?"));
    return a;
  }

  /**
   * Live-migrates a RUNNING VM to {@code requested} or, when null, to the node the scheduler
   * chooses: 409 unless RUNNING and placed, 422 naming {@code nodeId} when no destination fits.
   */
  public Accepted migrate(VmRecord vm, String requested, MigrateVmJob migrateJob) {
    if (vm.state() != VmState.RUNNING) {
      throw ApiException.conflict("cannot migrate VM " + vm.id() + " while it is " + vm.state()
          + "; live migration needs a RUNNING VM");
    }
    if (vm.nodeId() == null) {
      throw ApiException.conflict("VM " + vm.id() + " is not placed on any node");
    }
    String destination = migrateJob.chooseDestination(vm, requested);
    try {
      return submit(vm, VmOperation.MIGRATE, new MigrateVmJob.Context(vm.id(), vm.nodeId(), destination), migrateJob);
    } catch (RuntimeException e) {
      migrateJob.release(vm.id());
      throw e;
    }
  }

  /**
   * Moves a STOPPED, FAILED or SUSPENDED VM's definition to the node the scheduler chooses (its disks stay in
   * the shared storage). The VM keeps its state; a start submitted meanwhile queues behind the job
   * and runs on the new node. 409 unless STOPPED, FAILED or SUSPENDED, 422 naming {@code nodeId} when no node fits.
   */
  public Accepted rehome(VmRecord vm, RehomeVmJob rehomeJob, MigrateVmJob migrateJob) {
    if (vm.nodeId() == null) {
      throw ApiException.conflict("VM " + vm.id() + " is not placed on any node");
    }
    String destination = migrateJob.chooseDestination(vm, null);
    try {
      return submission.submit(h -> {
        VmState now = VmStore.stateOf(h, vm.id());
        if (now != VmState.STOPPED && now != VmState.FAILED && now != VmState.SUSPENDED) {
          throw ApiException.conflict("cannot move the definition of VM " + vm.id() + " while it is " + now);
        }
        return submission.job(h, rehomeJob, new RehomeVmJob.Context(vm.id(), vm.nodeId(), destination), "vm",
            vm.id());
      });
    } catch (RuntimeException e) {
      migrateJob.release(vm.id());
      throw e;
    }
  }
}
