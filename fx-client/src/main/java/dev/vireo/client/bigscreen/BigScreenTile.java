package dev.vireo.client.bigscreen;

import dev.vireo.client.dashboard.MetricName;

/**
 * The tiles of the big screen, in their default order; a top-5 tile ranks the {@link #kind()}
 * ("node" or "vm") by {@link #metric()} (both null for the other tiles).
 */
public enum BigScreenTile {
  OVERVIEW(null, null),
  ALLOCATION(null, null),
  ALARMS(null, null),
  TOP_NODES_CPU("node", MetricName.CPU),
  TOP_VMS_CPU("vm", MetricName.CPU),
  TOP_NODES_MEMORY("node", MetricName.MEMORY_USED),
  TOP_VMS_MEMORY("vm", MetricName.MEMORY_USED),
  TOP_NODES_DISK_READ("node", MetricName.DISK_READ),
  TOP_VMS_DISK_READ("vm", MetricName.DISK_READ),
  TOP_NODES_DISK_WRITE("node", MetricName.DISK_WRITE),
  TOP_VMS_DISK_WRITE("vm", MetricName.DISK_WRITE);

  private final String kind;
  private final String metric;

  BigScreenTile(String kind, String metric) {
    this.kind = kind;
    this.metric = metric;
  }

  public String kind() {
    return kind;
  }

  public String metric() {
    return metric;
  }
}
