package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.CpuArch;
import dev.vireo.client.app.Background;
import dev.vireo.client.resources.FakeSource.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tables of cluster-bound resources follow the region switcher through their cluster's region (ADR 0047). */
class ClusterRegionsTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeSource server = new FakeSource();
  private final AtomicInteger clusterReads = new AtomicInteger();
  private ResourceListModel<Item> model;

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
    io.close();
  }

  private static Cluster cluster(String id, String region) {
    return new Cluster(id, region, id, CpuArch.X86_64, 100, Instant.EPOCH, 5);
  }

  @Test
  void rowsFollowTheRegionOfTheClusterTheyName() {
    for (int i = 0; i < 2500; i++) { // the state stands in for the cluster id
      server.with(new Item(String.format("n-%05d", i), "node-" + i, i % 4 == 0 ? "c-north" : "c-south"));
    }
    ClusterRegions regions = new ClusterRegions(() -> {
      clusterReads.incrementAndGet();
      return List.of(cluster("c-north", "north"), cluster("c-south", "south"));
    }, List::of);
    model = new ResourceListModel<>(regions.byCluster(server.source(), Item::state), io, ui, Item::name,
        Duration.ofMillis(30));
    model.load();
    ui.until("all rows", () -> !model.loadingProperty().get() && model.rows().size() == 2500);
    assertEquals(1, clusterReads.get(), "the clusters are read once per full load, not per page");
    model.regionProperty().set("north");
    assertEquals(625, model.sorted().size());
    assertTrue(model.sorted().stream().allMatch(r -> r.item().state().equals("c-north")));
    model.regionProperty().set("south");
    assertEquals(1875, model.sorted().size());
    model.regionProperty().set(null);
    assertEquals(2500, model.sorted().size());
  }
}
