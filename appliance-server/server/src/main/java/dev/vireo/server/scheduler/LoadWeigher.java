package dev.vireo.server.scheduler;

/**
 * Prefers the least-loaded node. Load is the mean of CPU and memory load after placing the VM; each
 * is the allocated share of capacity (vCPUs against physical × overcommit, memory against the node's
 * memory), averaged with the live share from heartbeats when the node reports it.
 */
public final class LoadWeigher implements PlacementWeigher {
  private final double weight;

  public LoadWeigher(double weight) {
    this.weight = weight;
  }

  @Override
  public String name() {
    return "load";
  }

  @Override
  public double weight() {
    return weight;
  }

  @Override
  public double raw(NodeCandidate node, PlacementContext ctx) {
    return -load(node, ctx);
  }

  static double load(NodeCandidate node, PlacementContext ctx) {
    double cpuCapacity = node.cpuCapacityHundredths() / 100.0;
    double cpu = cpuCapacity <= 0 ? 1 : (ctx.allocatedCpus(node) + ctx.request().cpu()) / cpuCapacity;
    if (!Double.isNaN(node.liveCpuUse())) {
      cpu = (cpu + node.liveCpuUse()) / 2;
    }
    double memCapacity = node.memoryBytes();
    double mem = memCapacity <= 0 ? 1 : (ctx.allocatedMemoryBytes(node) + ctx.request().memoryBytes()) / memCapacity;
    if (node.liveMemoryUsedBytes() >= 0 && memCapacity > 0) {
      mem = (mem + node.liveMemoryUsedBytes() / memCapacity) / 2;
    }
    return (cpu + mem) / 2;
  }
}
