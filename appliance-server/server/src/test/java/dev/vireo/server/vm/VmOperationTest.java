package dev.vireo.server.vm;

import static dev.vireo.api.model.VmState.CREATING;
import static dev.vireo.api.model.VmState.DELETED;
import static dev.vireo.api.model.VmState.DELETING;
import static dev.vireo.api.model.VmState.FAILED;
import static dev.vireo.api.model.VmState.POWERING_OFF;
import static dev.vireo.api.model.VmState.REBOOTING;
import static dev.vireo.api.model.VmState.REINSTALLING;
import static dev.vireo.api.model.VmState.RUNNING;
import static dev.vireo.api.model.VmState.STARTING;
import static dev.vireo.api.model.VmState.STOPPED;
import static dev.vireo.api.model.VmState.STOPPING;
import static dev.vireo.api.model.VmState.SUSPENDED;
import static dev.vireo.api.model.VmState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.api.model.VmState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VmOperationTest {
  /** The state table of the design (docs/design.md): the states each operation may start from. */
  private static final Map<VmOperation, Set<VmState>> ALLOWED = Map.of(
      VmOperation.START, EnumSet.of(STOPPED, FAILED, UNKNOWN, STOPPING, POWERING_OFF),
      VmOperation.STOP, EnumSet.of(RUNNING, STARTING, REBOOTING, UNKNOWN),
      VmOperation.POWEROFF, EnumSet.of(RUNNING, STARTING, STOPPING, REBOOTING, UNKNOWN, FAILED, SUSPENDED),
      VmOperation.REBOOT, EnumSet.of(RUNNING),
      VmOperation.MIGRATE, EnumSet.of(RUNNING),
      VmOperation.MIGRATE_OFFLINE, EnumSet.of(STOPPED),
      VmOperation.DELETE, EnumSet.of(STOPPED, RUNNING, FAILED, UNKNOWN, CREATING, STARTING, STOPPING, POWERING_OFF,
          REBOOTING, SUSPENDED),
      VmOperation.SUSPEND, EnumSet.of(RUNNING),
      VmOperation.RESUME, EnumSet.of(SUSPENDED));

  /** The states in which the operation has nothing to do and succeeds at once. */
  private static final Map<VmOperation, Set<VmState>> ALREADY_DONE = Map.of(
      VmOperation.START, EnumSet.of(RUNNING),
      VmOperation.STOP, EnumSet.of(STOPPED),
      VmOperation.POWEROFF, EnumSet.of(STOPPED),
      VmOperation.REBOOT, EnumSet.noneOf(VmState.class),
      VmOperation.MIGRATE, EnumSet.noneOf(VmState.class),
      VmOperation.MIGRATE_OFFLINE, EnumSet.noneOf(VmState.class),
      VmOperation.DELETE, EnumSet.of(DELETED),
      VmOperation.SUSPEND, EnumSet.of(SUSPENDED),
      VmOperation.RESUME, EnumSet.of(RUNNING));

  @ParameterizedTest
  @EnumSource(VmOperation.class)
  void eachOperationStartsOnlyFromItsStates(VmOperation op) {
    for (VmState state : VmState.values()) {
      assertEquals(ALLOWED.get(op).contains(state), op.allowedFrom(state), op + " from " + state);
    }
  }

  @ParameterizedTest
  @EnumSource(VmOperation.class)
  void anOperationWhoseTargetHoldsIsAlreadyDone(VmOperation op) {
    for (VmState state : VmState.values()) {
      assertEquals(ALREADY_DONE.get(op).contains(state), op.alreadyDone(state), op + " in " + state);
    }
  }

  @Test
  void rebootingARunningVmIsWorkNotANoOp() {
    // A reboot ends where it began, so "target already holds" must never skip it.
    assertEquals(true, VmOperation.REBOOT.allowedFrom(RUNNING));
    assertEquals(false, VmOperation.REBOOT.alreadyDone(RUNNING));
  }

  @Test
  void migratingAStoppedVmOfflineIsWorkNotANoOp() {
    // An offline migration ends STOPPED, where it began: "target already holds" must never skip it.
    assertEquals(true, VmOperation.MIGRATE_OFFLINE.allowedFrom(STOPPED));
    assertEquals(false, VmOperation.MIGRATE_OFFLINE.alreadyDone(STOPPED));
    assertEquals(VmState.MIGRATING, VmOperation.MIGRATE_OFFLINE.during());
    assertEquals("migrate offline", VmOperation.MIGRATE_OFFLINE.verb());
  }

  @Test
  void aVmBeingDeletedOrRebuiltAcceptsNoOperation() {
    for (VmOperation op : VmOperation.values()) {
      for (VmState busy : EnumSet.of(DELETING, DELETED, REINSTALLING)) {
        assertEquals(false, op.allowedFrom(busy), op + " from " + busy);
      }
    }
  }

  @Test
  void showsAnInProgressStateAndEndsInItsTarget() {
    assertEquals(STARTING, VmOperation.START.during());
    assertEquals(RUNNING, VmOperation.START.target());
    assertEquals(STOPPING, VmOperation.STOP.during());
    assertEquals(STOPPED, VmOperation.STOP.target());
    assertEquals(POWERING_OFF, VmOperation.POWEROFF.during());
    assertEquals(STOPPED, VmOperation.POWEROFF.target());
    assertEquals(REBOOTING, VmOperation.REBOOT.during());
    assertEquals(VmState.MIGRATING, VmOperation.MIGRATE.during());
    assertEquals(RUNNING, VmOperation.MIGRATE.target());
    assertEquals(RUNNING, VmOperation.REBOOT.target());
    assertEquals(DELETING, VmOperation.DELETE.during());
    assertEquals(DELETED, VmOperation.DELETE.target());
    assertEquals("poweroff", VmOperation.POWEROFF.verb());
  }
}
