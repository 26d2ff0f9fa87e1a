package dev.vireo.client.dashboard;

import java.util.List;

/**
 * The names of the metrics the dashboards show, as the server names them (ADR 0033: base units,
 * rates per second). The client may not depend on the agent protocol, so they are repeated here.
 */
public final class MetricName {
  public static final String CPU = "cpu_usage_percent";
  public static final String MEMORY_USED = "memory_used_bytes";
  public static final String DISK_READ = "disk_read_bytes_per_second";
  public static final String DISK_WRITE = "disk_write_bytes_per_second";
  public static final String NETWORK_RX = "network_receive_bytes_per_second";
  public static final String NETWORK_TX = "network_transmit_bytes_per_second";
  /** What a chart of one node or VM shows, in this order. */
  public static final List<String> CHARTED = List.of(CPU, MEMORY_USED, DISK_READ, DISK_WRITE, NETWORK_RX, NETWORK_TX);

  private MetricName() {}
}
