package dev.vireo.server.resourceevent;

import static dev.vireo.api.model.ResourceEventLevel.ERROR;
import static dev.vireo.api.model.ResourceEventLevel.NORMAL;
import static dev.vireo.api.model.ResourceEventLevel.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.resourceevent.ResourceEventMapping.FinishedJob;
import dev.vireo.server.resourceevent.ResourceEventMapping.Occurrence;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping table from bus events to resource events, without a database. */
class ResourceEventMappingTest {
  @Test
  void aVmReachingRunningFromStoppedIsANormalVmStarted() {
    Occurrence o = ResourceEventMapping.stateChanged("vm", "vm-1", "STARTING", "STOPPED", "RUNNING").orElseThrow();
    assertEquals(new Occurrence("vm", "vm-1", "VM started", NORMAL, "STOPPED → RUNNING"), o);
  }

  @Test
  void anUnchangedOrTransientStateIsNoEvent() {
    assertTrue(ResourceEventMapping.stateChanged("vm", "vm-1", "RUNNING", "RUNNING", "RUNNING").isEmpty());
    assertTrue(ResourceEventMapping.stateChanged("vm", "vm-1", "RUNNING", "RUNNING", "STOPPING").isEmpty());
    assertTrue(ResourceEventMapping.stateChanged("vm", "vm-1", "STOPPED", "STOPPED", "STARTING").isEmpty());
  }

  @Test
  void runningAgainAfterAMigrationIsLeftToTheMigrationJob() {
    assertTrue(ResourceEventMapping.stateChanged("vm", "vm-1", "MIGRATING", "RUNNING", "RUNNING").isEmpty());
    assertTrue(ResourceEventMapping.stateChanged("vm", "vm-1", "CREATING", null, "STOPPED").isEmpty(),
        "a VM created without a start: the create job's event says it");
  }

  @Test
  void aVmStoppedStraightFromRunningStoppedUnexpectedly() {
    Occurrence o = ResourceEventMapping.stateChanged("vm", "vm-1", "RUNNING", "RUNNING", "STOPPED").orElseThrow();
    assertEquals("VM stopped unexpectedly", o.eventType());
    assertEquals(WARNING, o.level());
    assertEquals(NORMAL, ResourceEventMapping.stateChanged("vm", "vm-1", "STOPPING", "RUNNING", "STOPPED")
        .orElseThrow().level());
  }

  @Test
  void aFailedVmIsAnError() {
    assertEquals(ERROR, ResourceEventMapping.stateChanged("vm", "vm-1", "STARTING", null, "FAILED")
        .orElseThrow().level());
  }

  @Test
  void nodeDisconnectedIsAWarningAndDownAnError() {
    Occurrence lost = ResourceEventMapping.stateChanged("node", "node-1", "CONNECTED", "CONNECTED", "DISCONNECTED")
        .orElseThrow();
    assertEquals(new Occurrence("node", "node-1", "Node disconnected", WARNING, "CONNECTED → DISCONNECTED"), lost);
    assertEquals(ERROR, ResourceEventMapping.stateChanged("node", "node-1", "DISCONNECTED", "DISCONNECTED", "DOWN")
        .orElseThrow().level());
    Occurrence locked = ResourceEventMapping.stateChanged("node-scheduling", "node-1", null, null, "LOCKED")
        .orElseThrow();
    assertEquals("node", locked.resourceType());
    assertEquals("Node locked", locked.eventType());
  }

  @Test
  void tracksSeparateANodesConnectionFromItsScheduling() {
    assertEquals("node", ResourceEventMapping.track("node", "DOWN"));
    assertEquals("node-scheduling", ResourceEventMapping.track("node", "MAINTENANCE"));
    assertEquals("vm", ResourceEventMapping.track("vm", "RUNNING"));
    assertNull(ResourceEventMapping.track("vm", "UPDATED"));
    assertNull(ResourceEventMapping.track("disk", "AVAILABLE"));
  }

  @Test
  void aFailedJobIsAnErrorWithItsReason() {
    Occurrence o = ResourceEventMapping.jobEnded(new FinishedJob("START_VM", "FAILED", "vm", "vm-1",
        "no node has 4 free vCPUs", null)).orElseThrow();
    assertEquals(new Occurrence("vm", "vm-1", "Start VM failed", ERROR, "no node has 4 free vCPUs"), o);
  }

  @Test
  void aSucceededJobIsNormalWithItsDetail() {
    Occurrence o = ResourceEventMapping.jobEnded(new FinishedJob("MIGRATE_VM", "SUCCEEDED", "vm", "vm-1", null,
        "placed on node-2")).orElseThrow();
    assertEquals(new Occurrence("vm", "vm-1", "Migrate VM succeeded", NORMAL, "placed on node-2"), o);
  }

  @Test
  void noOpJobsAndJobsOnOtherResourcesAreNoEvents() {
    assertEquals(Optional.empty(), ResourceEventMapping.jobEnded(new FinishedJob("NO_OP", "SUCCEEDED", "vm", "vm-1",
        null, "")));
    assertEquals(Optional.empty(), ResourceEventMapping.jobEnded(new FinishedJob("IMPORT_IMAGE", "FAILED", "image",
        "image-1", "bad", "")));
  }

  @Test
  void jobTypesReadAsWords() {
    assertEquals("Migrate VM offline", ResourceEventMapping.words("MIGRATE_VM_OFFLINE"));
    assertEquals("Attach disk", ResourceEventMapping.words("ATTACH_DISK"));
    assertEquals("HA restart VM", ResourceEventMapping.words("HA_RESTART_VM"));
  }

  @Test
  void aJobsContextNamesTheOtherResourcesButNotNodes() {
    assertEquals("disk-0123456789ab", JobDetail.contextIds("{\"diskId\":\"disk-0123456789ab\",\"vmId\":"
        + "\"vm-0123456789ab\",\"targetNodeId\":\"node-0123456789ab\",\"target\":\"vdb\"}", "vm-0123456789ab"));
    assertEquals("", JobDetail.contextIds("not json", "vm-1"));
  }
}
