package dev.vireo.server.scheduler;

import dev.vireo.api.model.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node in a {@link ClusterSnapshot}: its facts, state and the VMs placed on it, with the sums
 * the filters and weighers need computed once when the snapshot is built (immutable).
 */
public final class NodeCandidate {
  /** Unknown live CPU use. */
  public static final double UNKNOWN_CPU_USE = Double.NaN;
  /** Unknown live memory use. */
  public static final long UNKNOWN_MEMORY_USE = -1;

  private final String id;
  private final String clusterId;
  private final NodeState state;
  private final boolean locked;
  private final boolean maintenance;
  private final String arch;
  private final int cpus;
  private final int cpuOvercommitPercent;
  private final long memoryBytes;
  private final double liveCpuUse;
  private final long liveMemoryUsedBytes;
  private final int gpus;
  private final List<PlacedVm> vms;
  private final int vmCount;
  private final int allocatedCpus;
  private final long allocatedMemoryBytes;
  private final int allocatedGpus;
  private final Map<String, Integer> groupMembers;
  /** 1 / (vCPU capacity) and 1 / memory, or 0 when there is none: the load weigher multiplies. */
  private final double inverseCpuCapacity;
  private final double inverseMemory;

  private NodeCandidate(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    // interned: the filters compare them with every node's, and identical strings compare at once
    this.clusterId = b.clusterId == null ? null : b.clusterId.intern();
    this.state = Objects.requireNonNull(b.state, "state");
    this.locked = b.locked || b.maintenance;
    this.maintenance = b.maintenance;
    this.arch = b.arch == null ? null : b.arch.intern();
    this.cpus = b.cpus;
    this.cpuOvercommitPercent = b.cpuOvercommitPercent;
    this.memoryBytes = b.memoryBytes;
    this.liveCpuUse = b.liveCpuUse;
    this.liveMemoryUsedBytes = b.liveMemoryUsedBytes;
    this.gpus = b.gpus;
    this.vms = List.copyOf(b.vms);
    this.vmCount = vms.size();
    int cpu = 0;
    long mem = 0;
    int gpu = 0;
    Map<String, Integer> groups = null;
    for (PlacedVm vm : vms) {
      cpu += vm.cpu();
      mem += vm.memoryBytes();
      gpu += vm.gpus();
      for (String g : vm.groups()) {
        if (groups == null) {
          groups = new HashMap<>();
        }
        groups.merge(g, 1, Integer::sum);
      }
    }
    this.allocatedCpus = cpu;
    this.allocatedMemoryBytes = mem;
    this.allocatedGpus = gpu;
    this.groupMembers = groups == null ? Map.of() : Map.copyOf(groups);
    this.inverseCpuCapacity = cpus > 0 && cpuOvercommitPercent > 0 ? 100.0 / ((long) cpus * cpuOvercommitPercent) : 0;
    this.inverseMemory = memoryBytes > 0 ? 1.0 / memoryBytes : 0;
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this node's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id).cluster(clusterId).state(state).locked(locked).maintenance(maintenance).arch(arch)
        .cpus(cpus)
        .cpuOvercommitPercent(cpuOvercommitPercent).memoryBytes(memoryBytes).liveCpuUse(liveCpuUse)
        .liveMemoryUsedBytes(liveMemoryUsedBytes).gpus(gpus);
    b.vms.addAll(vms);
    return b;
  }

  public String id() { return id; }
  public String clusterId() { return clusterId; }
  public NodeState state() { return state; }
  /** Locked against new placements (always so when entering or in maintenance). */
  public boolean locked() { return locked; }
  /** Entering or in maintenance (white paper 5.5): its VMs are moving or gone, nothing new comes. */
  public boolean maintenance() { return maintenance; }
  public String arch() { return arch; }
  /** Physical (logical) CPUs. */
  public int cpus() { return cpus; }
  /** The cluster's CPU overcommit ratio, 100..600. */
  public int cpuOvercommitPercent() { return cpuOvercommitPercent; }
  public long memoryBytes() { return memoryBytes; }
  /** Live CPU use 0..1 from heartbeats, or NaN when unknown. */
  public double liveCpuUse() { return liveCpuUse; }
  /** Live memory use from heartbeats, or -1 when unknown. */
  public long liveMemoryUsedBytes() { return liveMemoryUsedBytes; }
  public int gpus() { return gpus; }
  public List<PlacedVm> vms() { return vms; }
  public int vmCount() { return vmCount; }
  /** vCPUs allocated to the VMs on the node. */
  public int allocatedCpus() { return allocatedCpus; }
  public long allocatedMemoryBytes() { return allocatedMemoryBytes; }
  public int allocatedGpus() { return allocatedGpus; }
  /** How many VMs on this node belong to VM group {@code group}. */
  public int groupMembers(String group) { return groupMembers.getOrDefault(group, 0); }
  Map<String, Integer> groupMemberCounts() { return groupMembers; }

  boolean hosts(String vmId) {
    for (PlacedVm vm : vms) {
      if (vm.id().equals(vmId)) {
        return true;
      }
    }
    return false;
  }

  /** vCPUs the node may allocate in total: physical CPUs × overcommit. Exact, in hundredths. */
  long cpuCapacityHundredths() {
    return (long) cpus * cpuOvercommitPercent;
  }

  double inverseCpuCapacity() {
    return inverseCpuCapacity;
  }

  double inverseMemory() {
    return inverseMemory;
  }

  @Override
  public String toString() {
    return "NodeCandidate[" + id + ", " + state + (maintenance ? ", maintenance" : locked ? ", locked" : "") + ", "
        + vms.size() + " VMs]";
  }

  /** Builds a {@link NodeCandidate}; defaults: CONNECTED, unlocked, 100 % overcommit, unknown live use. */
  public static final class Builder {
    private final String id;
    private String clusterId;
    private NodeState state = NodeState.CONNECTED;
    private boolean locked;
    private boolean maintenance;
    private String arch = "x86_64";
    private int cpus;
    private int cpuOvercommitPercent = 100;
    private long memoryBytes;
    private double liveCpuUse = UNKNOWN_CPU_USE;
    private long liveMemoryUsedBytes = UNKNOWN_MEMORY_USE;
    private int gpus;
    private final List<PlacedVm> vms = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    public Builder cluster(String v) { clusterId = v; return this; }
    public Builder state(NodeState v) { state = v; return this; }
    public Builder locked(boolean v) { locked = v; return this; }
    public Builder maintenance(boolean v) { maintenance = v; return this; }
    public Builder arch(String v) { arch = v; return this; }
    public Builder cpus(int v) { cpus = v; return this; }
    public Builder cpuOvercommitPercent(int v) { cpuOvercommitPercent = v; return this; }
    public Builder memoryBytes(long v) { memoryBytes = v; return this; }
    public Builder memoryGiB(int v) { memoryBytes = (long) v << 30; return this; }
    public Builder liveCpuUse(double v) { liveCpuUse = v; return this; }
    public Builder liveMemoryUsedBytes(long v) { liveMemoryUsedBytes = v; return this; }
    public Builder gpus(int v) { gpus = v; return this; }
    public Builder vm(PlacedVm v) { vms.add(v); return this; }
    public Builder vms(List<PlacedVm> v) { vms.addAll(v); return this; }

    public NodeCandidate build() {
      return new NodeCandidate(this);
    }
  }
}
