package dev.vireo.client.dashboard;

import dev.vireo.client.app.Background;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javafx.collections.ObservableList;

/**
 * The overview's state: resource totals, allocation, top-5 nodes and VMs by CPU
 * ({@link DashboardFigures}); {@link #refresh} is called every 10 s by the view while it is shown.
 */
public final class OverviewViewModel {
  private final DashboardFigures figures;

  public OverviewViewModel(DashboardSource source, Background io, Clock clock) {
    this.figures = new DashboardFigures(source, io, clock);
  }

  public CompletableFuture<Void> refresh() {
    return figures.refresh();
  }

  public DashboardFigures figures() {
    return figures;
  }

  public ObservableList<TopEntry> topNodesByCpu() {
    return figures.top("node", MetricName.CPU);
  }

  public ObservableList<TopEntry> topVmsByCpu() {
    return figures.top("vm", MetricName.CPU);
  }
}
