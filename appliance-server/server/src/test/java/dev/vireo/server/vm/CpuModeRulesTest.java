package dev.vireo.server.vm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.CpuMode;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.NodeState;
import org.junit.jupiter.api.Test;

/** White paper 4.2.17: host-passthrough VMs migrate live only between nodes with the same CPU. */
class CpuModeRulesTest {
  private static Node node(String id, String arch, String model) {
    return new Node(id, "c1", id, "https://" + id, NodeState.CONNECTED, arch, model, 8, 1, 8, 1, 32L << 30, null,
        "kvm", "9.0.0", 0, null, null, false, NodeSchedulingStatus.UNLOCKED);
  }

  @Test
  void aCustomVmMigratesBetweenAnyCpus() {
    assertNull(CpuModeRules.liveMigrationRefusal(CpuMode.CUSTOM, node("a", "x86_64", "EPYC"),
        node("b", "x86_64", "Xeon Gold")));
  }

  @Test
  void aHostPassthroughVmMigratesBetweenTheSameCpus() {
    assertNull(CpuModeRules.liveMigrationRefusal(CpuMode.HOST_PASSTHROUGH, node("a", "x86_64", "EPYC 7763"),
        node("b", "x86_64", "EPYC 7763")));
  }

  @Test
  void rejectsAHostPassthroughVmToAnotherCpuNamingBoth() {
    String why = CpuModeRules.liveMigrationRefusal(CpuMode.HOST_PASSTHROUGH, node("a", "x86_64", "EPYC 7763"),
        node("b", "x86_64", "Xeon Gold 6338"));
    assertNotNull(why);
    assertTrue(why.contains("EPYC 7763") && why.contains("Xeon Gold 6338") && why.contains("HOST_PASSTHROUGH"), why);
  }
}
