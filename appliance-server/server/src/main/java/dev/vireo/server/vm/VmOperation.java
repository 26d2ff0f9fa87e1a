package dev.vireo.server.vm;

import static dev.vireo.api.model.VmState.CREATING;
import static dev.vireo.api.model.VmState.DELETED;
import static dev.vireo.api.model.VmState.DELETING;
import static dev.vireo.api.model.VmState.FAILED;
import static dev.vireo.api.model.VmState.MIGRATING;
import static dev.vireo.api.model.VmState.POWERING_OFF;
import static dev.vireo.api.model.VmState.REBOOTING;
import static dev.vireo.api.model.VmState.RUNNING;
import static dev.vireo.api.model.VmState.STARTING;
import static dev.vireo.api.model.VmState.STOPPED;
import static dev.vireo.api.model.VmState.STOPPING;
import static dev.vireo.api.model.VmState.SUSPENDED;
import static dev.vireo.api.model.VmState.SUSPENDING;
import static dev.vireo.api.model.VmState.UNKNOWN;

import dev.vireo.api.model.VmState;
import java.util.EnumSet;
import java.util.Set;

/**
 * The VM state machine in one table: for each operation, the states it may start from, the
 * state shown while it runs, and the state it ends in. An operation whose target already holds
 * succeeds without work (idempotent by target state), except a reboot and the migrations, which
 * end where they began (RUNNING, or STOPPED for an offline migration). A start of a SUSPENDED VM
 * is a RESUME (it restores the saved memory; a cold boot would lose it).
 */
public enum VmOperation {
  START(EnumSet.of(STOPPED, FAILED, UNKNOWN, STOPPING, POWERING_OFF), STARTING, RUNNING),
  STOP(EnumSet.of(RUNNING, STARTING, REBOOTING, UNKNOWN), STOPPING, STOPPED),
  /** Of a SUSPENDED VM: discards its saved memory (the domain is off already; the next start boots afresh). */
  POWEROFF(EnumSet.of(RUNNING, STARTING, STOPPING, REBOOTING, UNKNOWN, FAILED, SUSPENDED), POWERING_OFF, STOPPED),
  REBOOT(EnumSet.of(RUNNING), REBOOTING, RUNNING),
  MIGRATE(EnumSet.of(RUNNING), MIGRATING, RUNNING),
  /** Offline (cold) migration to another cluster: only a STOPPED VM; it stays STOPPED, without a node. */
  MIGRATE_OFFLINE(EnumSet.of(STOPPED), MIGRATING, STOPPED),
  DELETE(EnumSet.of(STOPPED, RUNNING, FAILED, UNKNOWN, CREATING, STARTING, STOPPING, POWERING_OFF, REBOOTING,
      SUSPENDED), DELETING, DELETED),
  /** Suspend to file (white paper 4.2.3 "暂存"): a RUNNING VM's memory goes to its directory on the shared storage. */
  SUSPEND(EnumSet.of(RUNNING), SUSPENDING, SUSPENDED),
  /** Restore of a SUSPENDED VM from its saved memory: the guest continues where it was. */
  RESUME(EnumSet.of(SUSPENDED), STARTING, RUNNING);

  private final Set<VmState> from;
  private final VmState during;
  private final VmState target;

  VmOperation(Set<VmState> from, VmState during, VmState target) {
    this.from = from;
    this.during = during;
    this.target = target;
  }

  public boolean allowedFrom(VmState state) {
    return from.contains(state);
  }

  public boolean alreadyDone(VmState state) {
    return this != REBOOT && this != MIGRATE && this != MIGRATE_OFFLINE && state == target;
  }

  public VmState during() {
    return during;
  }

  public VmState target() {
    return target;
  }

  public String verb() {
    return name().toLowerCase().replace('_', ' ');
  }
}
