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
  public void rawAll(NodeCandidate[] nodes, int[] candidates, int count, PlacementContext ctx, double[] out) {
    for (int i = 0; i < count; i++) {
      int c = candidates[i];
      out[i] = -load(nodes[c], ctx.allocatedCpusAt(c), ctx.allocatedMemoryBytesAt(c), ctx.request());
    }
  }

  @Override
  public double raw(NodeCandidate node, PlacementContext ctx) {
    return -load(node, ctx.allocatedCpus(node), ctx.allocatedMemoryBytes(node), ctx.request());
  }

  static double load(NodeCandidate node, int allocatedCpus, long allocatedMemory, PlacementRequest request) {
    double perCpu = node.inverseCpuCapacity();
    double cpu = perCpu == 0 ? 1 : (allocatedCpus + request.cpu()) * perCpu;
    if (!Double.isNaN(node.liveCpuUse())) {
      cpu = (cpu + node.liveCpuUse()) * 0.5;
    }
    double perByte = node.inverseMemory();
    double mem = perByte == 0 ? 1 : (allocatedMemory + request.memoryBytes()) * perByte;
    if (node.liveMemoryUsedBytes() >= 0 && perByte != 0) {
      mem = (mem + node.liveMemoryUsedBytes() * perByte) * 0.5;
    }
    return (cpu + mem) * 0.5;
  }
}
