package dev.vireo.server.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.VmState;
import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

/** White paper 4.2.3: stopped, up or down; running, hot upgrade, up only. */
class ResizeRulesTest {
  private static ApiException refused(VmState state, int cpu, int mem, Integer max, int newCpu, int newMem) {
    return assertThrows(ApiException.class, () -> ResizeRules.check("vm-1", state, cpu, mem, max, newCpu, newMem));
  }

  @Test
  void theHotUpgradeCeilingIsTwiceTheVcpusAtStartCappedAtTheSpecMaximum() {
    assertEquals(2, ResizeRules.maxCpuFor(1));
    assertEquals(4, ResizeRules.maxCpuFor(2));
    assertEquals(64, ResizeRules.maxCpuFor(32));
    assertEquals(240, ResizeRules.maxCpuFor(120));
    assertEquals(240, ResizeRules.maxCpuFor(240));
  }

  @Test
  void aStoppedVmGoesUpOrDown() {
    assertEquals(ResizeRules.Kind.OFFLINE, ResizeRules.check("vm-1", VmState.STOPPED, 4, 8, null, 2, 4));
    assertEquals(ResizeRules.Kind.OFFLINE, ResizeRules.check("vm-1", VmState.STOPPED, 2, 4, null, 8, 16));
  }

  @Test
  void theSameSizeIsNothingToDoInAnyState() {
    assertEquals(ResizeRules.Kind.NONE, ResizeRules.check("vm-1", VmState.SUSPENDED, 2, 4, 4, 2, 4));
  }

  @Test
  void aRunningVmGetsVcpusHotAddedUpToItsCeiling() {
    assertEquals(ResizeRules.Kind.HOT_CPU, ResizeRules.check("vm-1", VmState.RUNNING, 2, 4, 4, 4, 4));
  }

  @Test
  void rejectsShrinkingARunningVmNamingTheField() {
    ApiException cpu = refused(VmState.RUNNING, 4, 8, 8, 2, 8);
    assertEquals(409, cpu.status());
    assertEquals("cpu", cpu.field());
    assertTrue(cpu.getMessage().contains("never shrunk"), cpu.getMessage());
    assertEquals("memoryGiB", refused(VmState.RUNNING, 4, 8, 8, 4, 4).field());
  }

  @Test
  void rejectsGrowingTheMemoryOfARunningVm() {
    ApiException e = refused(VmState.RUNNING, 2, 4, 4, 4, 8);
    assertEquals("memoryGiB", e.field());
    assertTrue(e.getMessage().contains("cannot grow"), e.getMessage());
  }

  @Test
  void rejectsAHotUpgradeBeyondTheCeilingOrWithoutOne() {
    ApiException beyond = refused(VmState.RUNNING, 2, 4, 4, 6, 4);
    assertEquals("cpu", beyond.field());
    assertTrue(beyond.getMessage().contains("at most 4 vCPU"), beyond.getMessage());
    assertEquals("cpu", refused(VmState.RUNNING, 2, 4, null, 4, 4).field(), "started before hot upgrade: no room");
  }

  @Test
  void rejectsAResizeInAnyOtherState() {
    for (VmState s : new VmState[] {VmState.SUSPENDED, VmState.STARTING, VmState.MIGRATING, VmState.FAILED}) {
      ApiException e = refused(s, 2, 4, 4, 4, 8);
      assertEquals(409, e.status());
      assertTrue(e.getMessage().contains("while it is " + s), e.getMessage());
    }
  }
}
