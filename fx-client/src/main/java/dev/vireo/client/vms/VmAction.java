package dev.vireo.client.vms;

import static dev.vireo.api.model.VmState.CREATING;
import static dev.vireo.api.model.VmState.FAILED;
import static dev.vireo.api.model.VmState.POWERING_OFF;
import static dev.vireo.api.model.VmState.REBOOTING;
import static dev.vireo.api.model.VmState.RUNNING;
import static dev.vireo.api.model.VmState.STARTING;
import static dev.vireo.api.model.VmState.STOPPED;
import static dev.vireo.api.model.VmState.STOPPING;
import static dev.vireo.api.model.VmState.SUSPENDED;
import static dev.vireo.api.model.VmState.UNKNOWN;

import dev.vireo.api.model.VmState;
import java.util.EnumSet;
import java.util.Set;

/**
 * A VM's context actions and the states each may start from: the server's state machine
 * ({@code dev.vireo.server.vm.VmOperation}) as the client needs it, so only valid actions are
 * enabled. A state the operation would leave unchanged (start of a RUNNING VM) is not offered.
 * Destructive actions ask for confirmation first. Text keys: {@code vms.action.<name>}.
 */
public enum VmAction {
  START(EnumSet.of(STOPPED, FAILED, UNKNOWN, STOPPING, POWERING_OFF), false),
  STOP(EnumSet.of(RUNNING, STARTING, REBOOTING, UNKNOWN), true),
  REBOOT(EnumSet.of(RUNNING), false),
  FORCE_STOP(EnumSet.of(RUNNING, STARTING, STOPPING, REBOOTING, UNKNOWN, FAILED, SUSPENDED), true),
  SUSPEND(EnumSet.of(RUNNING), false),
  RESUME(EnumSet.of(SUSPENDED), false),
  MIGRATE(EnumSet.of(RUNNING), false),
  CONSOLE(EnumSet.of(RUNNING), false),
  DELETE(EnumSet.of(STOPPED, RUNNING, FAILED, UNKNOWN, CREATING, STARTING, STOPPING, POWERING_OFF, REBOOTING,
      SUSPENDED), true);

  private final Set<VmState> from;
  private final boolean destructive;

  VmAction(Set<VmState> from, boolean destructive) {
    this.from = from;
    this.destructive = destructive;
  }

  /** Whether the server accepts this action for a VM in {@code state}. */
  public boolean allowedIn(VmState state) {
    return state != null && from.contains(state);
  }

  /** Whether the user confirms it first (stop, force stop, delete). */
  public boolean destructive() {
    return destructive;
  }

  /** Whether it starts a job (the console does not). */
  public boolean startsJob() {
    return this != CONSOLE;
  }

  /** The suffix of its text keys, e.g. {@code force-stop}. */
  public String key() {
    return name().toLowerCase().replace('_', '-');
  }
}
