package dev.vireo.agent.protocol;

import java.util.List;

/**
 * The metrics agents report (white paper 5.10), named the Prometheus way: base units, rates
 * "_per_second", percentages "_percent". The server exposes them as {@code vireo_<type>_<name>}.
 */
public final class MetricNames {
  public static final String CPU_USAGE_PERCENT = "cpu_usage_percent";
  public static final String LOAD1 = "load1";
  public static final String MEMORY_USED_BYTES = "memory_used_bytes";
  public static final String MEMORY_TOTAL_BYTES = "memory_total_bytes";
  public static final String DISK_USED_BYTES = "disk_used_bytes";
  public static final String DISK_TOTAL_BYTES = "disk_total_bytes";
  public static final String DISK_READ_BYTES_PER_SECOND = "disk_read_bytes_per_second";
  public static final String DISK_WRITE_BYTES_PER_SECOND = "disk_write_bytes_per_second";
  public static final String DISK_READ_OPS_PER_SECOND = "disk_read_ops_per_second";
  public static final String DISK_WRITE_OPS_PER_SECOND = "disk_write_ops_per_second";
  public static final String NETWORK_RECEIVE_BYTES_PER_SECOND = "network_receive_bytes_per_second";
  public static final String NETWORK_TRANSMIT_BYTES_PER_SECOND = "network_transmit_bytes_per_second";
  public static final String NETWORK_RECEIVE_PACKETS_PER_SECOND = "network_receive_packets_per_second";
  public static final String NETWORK_TRANSMIT_PACKETS_PER_SECOND = "network_transmit_packets_per_second";
  public static final String TCP_CONNECTIONS = "tcp_connections";
  public static final String BLOCKED_PROCESSES = "blocked_processes";
  public static final String MEMORY_USAGE_PERCENT = "memory_usage_percent";
  public static final String DISK_USAGE_PERCENT = "disk_usage_percent";
  public static final String GPU_USED = "gpu_used";
  public static final String GPU_TOTAL = "gpu_total";

  /** What a node reports about itself (from /proc and the storage root's file system). */
  public static final List<String> NODE = List.of(CPU_USAGE_PERCENT, LOAD1, MEMORY_USED_BYTES, MEMORY_TOTAL_BYTES,
      DISK_USED_BYTES, DISK_TOTAL_BYTES, DISK_READ_BYTES_PER_SECOND, DISK_WRITE_BYTES_PER_SECOND,
      DISK_READ_OPS_PER_SECOND, DISK_WRITE_OPS_PER_SECOND, NETWORK_RECEIVE_BYTES_PER_SECOND,
      NETWORK_TRANSMIT_BYTES_PER_SECOND, NETWORK_RECEIVE_PACKETS_PER_SECOND, NETWORK_TRANSMIT_PACKETS_PER_SECOND,
      TCP_CONNECTIONS, BLOCKED_PROCESSES);
  /**
   * What a node reports per running VM: from libvirt's domain statistics, and — where the VM's QEMU
   * guest agent answers — the guest's file-system space, established TCP connections and blocked
   * processes.
   */
  public static final List<String> VM = List.of(CPU_USAGE_PERCENT, MEMORY_USED_BYTES, MEMORY_TOTAL_BYTES,
      DISK_READ_BYTES_PER_SECOND, DISK_WRITE_BYTES_PER_SECOND, DISK_READ_OPS_PER_SECOND, DISK_WRITE_OPS_PER_SECOND,
      NETWORK_RECEIVE_BYTES_PER_SECOND, NETWORK_TRANSMIT_BYTES_PER_SECOND, NETWORK_RECEIVE_PACKETS_PER_SECOND,
      NETWORK_TRANSMIT_PACKETS_PER_SECOND, DISK_USED_BYTES, DISK_TOTAL_BYTES, TCP_CONNECTIONS, BLOCKED_PROCESSES);

  /**
   * What the server derives per compute cluster (never reported by agents): mean CPU use of its
   * connected nodes, memory used and total of them, and passthrough GPUs assigned and present.
   */
  public static final List<String> CLUSTER = List.of(CPU_USAGE_PERCENT, MEMORY_USED_BYTES, MEMORY_TOTAL_BYTES,
      MEMORY_USAGE_PERCENT, GPU_USED, GPU_TOTAL);
  /** What the server derives per storage cluster from its last measured capacity (never reported by agents). */
  public static final List<String> STORAGE_CLUSTER = List.of(DISK_USED_BYTES, DISK_TOTAL_BYTES, DISK_USAGE_PERCENT);

  private MetricNames() {}
}
