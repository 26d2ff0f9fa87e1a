package dev.vireo.client.dashboard;

/**
 * How much of one resource is handed out: {@link #CPU} in vCPUs against physical CPUs times the
 * cluster's overcommit ratio, {@link #MEMORY} in bytes of VM memory against the nodes' memory,
 * {@link #STORAGE} in bytes of disks against the storage clusters' measured capacity.
 */
public record Allocation(String kind, double allocated, double total) {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String STORAGE = "storage";

  /** allocated / total (0 when there is no total; may exceed 1 when overcommitted). */
  public double fraction() {
    return total > 0 ? allocated / total : 0;
  }
}
