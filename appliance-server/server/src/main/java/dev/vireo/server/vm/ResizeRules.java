package dev.vireo.server.vm;

import dev.vireo.api.model.VmState;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.spec.SpecRules;

/**
 * White paper 4.2.3 on changing a VM's spec ("调整配置"): a STOPPED VM goes up or down (its domain
 * is redefined); a RUNNING one is only hot-upgraded, up, never down ("运行中: 热升级, 只升不降").
 * Here a hot upgrade adds vCPUs up to the ceiling its domain was defined with ({@link #maxCpuFor});
 * the memory of a RUNNING VM does not change (see ADR 0024: growing it needs DIMM hot-plug, which
 * this platform does not configure).
 */
public final class ResizeRules {
  private ResizeRules() {}

  /**
   * The vCPUs a domain defined with {@code cpu} vCPUs can be hot-upgraded to: twice as many (at
   * least 2), at most the white paper's {@link SpecRules#MAX_CPU}. Beyond that a stop is needed.
   */
  public static int maxCpuFor(int cpu) {
    return Math.min(SpecRules.MAX_CPU, Math.max(cpu, Math.max(2, 2 * cpu)));
  }

  /** What a resize does to a VM in its current state. */
  public enum Kind {
    /** Nothing changes (same CPU and memory): a NO_OP job. */
    NONE,
    /** STOPPED: inventory and domain definition change; the next start runs the new size. */
    OFFLINE,
    /** RUNNING: vCPUs are hot-added now, live and in the definition. */
    HOT_CPU
  }

  /**
   * Checks a resize of a VM in {@code state} from {@code cpu}/{@code memoryGiB} to the new values
   * (already valid per {@link SpecRules}); {@code maxCpu} is the running domain's ceiling (null:
   * unknown, started before hot upgrade). 409 naming {@code cpu} or {@code memoryGiB} and the rule.
   */
  public static Kind check(String vmId, VmState state, int cpu, int memoryGiB, Integer maxCpu, int newCpu,
      int newMemoryGiB) {
    if (newCpu == cpu && newMemoryGiB == memoryGiB) {
      return Kind.NONE;
    }
    if (state == VmState.STOPPED) {
      return Kind.OFFLINE;
    }
    if (state != VmState.RUNNING) {
      throw new ApiException(409, "conflict", null, "cannot resize VM " + vmId + " while it is " + state
          + "; resize a STOPPED VM (up or down) or hot-upgrade a RUNNING one (CPU, up only)");
    }
    if (newCpu < cpu) {
      throw new ApiException(409, "conflict", "cpu", "cpu: a RUNNING VM is only hot-upgraded, never shrunk"
          + " (white paper 4.2.3); stop VM " + vmId + " to go from " + cpu + " to " + newCpu + " vCPU");
    }
    if (newMemoryGiB < memoryGiB) {
      throw new ApiException(409, "conflict", "memoryGiB", "memoryGiB: a RUNNING VM is only hot-upgraded, never"
          + " shrunk (white paper 4.2.3); stop VM " + vmId + " to go from " + memoryGiB + " to " + newMemoryGiB
          + " GiB");
    }
    if (newMemoryGiB > memoryGiB) {
      throw new ApiException(409, "conflict", "memoryGiB", "memoryGiB: the memory of a RUNNING VM cannot grow"
          + " (no memory hot-plug: the balloon only returns memory below the boot size, DIMM hot-plug is not"
          + " configured); stop VM " + vmId + " to go from " + memoryGiB + " to " + newMemoryGiB + " GiB");
    }
    int ceiling = maxCpu == null ? cpu : maxCpu;
    if (newCpu > ceiling) {
      throw new ApiException(409, "conflict", "cpu", "cpu: VM " + vmId + " was started with room for at most "
          + ceiling + " vCPU (hot-upgrade ceiling: twice the vCPUs at its start, at most " + SpecRules.MAX_CPU
          + "); stop it to resize to " + newCpu);
    }
    return Kind.HOT_CPU;
  }
}
