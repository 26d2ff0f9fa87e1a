package dev.vireo.client.dashboard;

import dev.vireo.api.client.LatestMetric;
import dev.vireo.api.model.Alarm;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.MetricSeries;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.StorageCluster;
import dev.vireo.api.model.Vm;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboards read from the server: the small slice of the SDK they use, so that their
 * view-models are tested with a fake. Every method blocks on the network: call it through
 * {@link dev.vireo.client.app.Background}, never on the FX thread.
 */
public interface DashboardSource {
  List<Vm> vms();

  List<Node> nodes();

  List<Cluster> clusters();

  List<StorageCluster> storageClusters();

  int imageCount();

  int networkCount();

  int diskCount();

  /** The latest value of every fresh VM, node and cluster series. */
  List<LatestMetric> latest();

  /** One metric of one node or VM over [from, to). */
  MetricSeries series(String resourceType, String resourceId, String metric, Instant from, Instant to);

  /** The newest alarm records, at most {@code limit}. */
  List<Alarm> recentAlarms(int limit);

  /** The big-screen title of the server's branding (white paper 6.1.2: its own, else the platform title); empty for none. */
  default String platformTitle() {
    return "";
  }
}
