package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.ServerEvent;
import dev.vireo.client.app.Background;
import dev.vireo.client.resources.FakeSource.Item;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generic resource table's rows without the FX toolkit: paged loading, filter, sort, live updates. */
class ResourceListModelTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeSource server = new FakeSource();
  private ResourceListModel<Item> model;

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
    io.close();
  }

  private void loaded(int n, ResourceSource<Item> source) {
    for (int i = 0; i < n; i++) {
      server.with(new Item(String.format("d-%05d", i), "disk-" + i, i % 4 == 0 ? "ATTACHED" : "AVAILABLE"));
    }
    model = new ResourceListModel<>(source, io, ui, i -> i.name() + " " + i.state(), Duration.ofMillis(30));
    model.load();
    ui.until("all rows", () -> !model.loadingProperty().get() && model.rows().size() == n);
  }

  private static ServerEvent event(String kind, String id) {
    return new ServerEvent(1, kind, id, "X", Instant.now());
  }

  @Test
  void loadsTenThousandRowsAPageOfAThousandAtATime() {
    loaded(10_000, server.source());
    assertEquals(10_000, model.totalProperty().get());
    assertEquals(10, server.calls.stream().filter(c -> c.startsWith("page")).count(), server.calls.toString());
  }

  @Test
  void aSourceInRegionsFollowsTheChosenRegionInMemory() {
    // the state stands in for the region: ATTACHED rows lie in "north", the others in "south"
    loaded(10_000, server.source().inRegion(i -> i.state().equals("ATTACHED") ? "north" : "south"));
    int calls = server.calls.size();
    model.regionProperty().set("north");
    assertEquals(2500, model.sorted().size());
    model.filterTextProperty().set("disk-12");
    assertTrue(model.sorted().stream().allMatch(r -> r.item().state().equals("ATTACHED")
        && r.item().name().contains("disk-12")), model.sorted().toString());
    model.filterTextProperty().set("");
    model.regionProperty().set(null);
    assertEquals(10_000, model.sorted().size(), "all regions");
    assertEquals(calls, server.calls.size(), "switching regions calls nothing");
  }

  @Test
  void aSourceWithoutRegionsShowsEveryRowInAnyRegion() {
    loaded(40, server.source());
    model.regionProperty().set("north");
    assertEquals(40, model.sorted().size());
  }

  @Test
  void theFilterKeepsRowsHoldingEveryWordWhateverTheCase() {
    loaded(40, server.source());
    model.filterTextProperty().set("DISK-12");
    assertEquals(1, model.sorted().size());
    model.filterTextProperty().set("attached disk-1");
    assertEquals(2, model.sorted().size(), "disk-12 and disk-16 are ATTACHED: " + model.sorted());
    model.filterTextProperty().set("");
    assertEquals(40, model.sorted().size());
  }

  @Test
  void sortsByTheComparatorTheTableGives() {
    loaded(20, server.source());
    model.sorted().setComparator(Comparator.comparing((ResourceRow<Item> r) -> r.id()).reversed());
    assertEquals("disk-19", model.sorted().get(0).item().name());
  }

  @Test
  void anEventReadsOnlyTheResourceItNamesAndReplacesItsRow() {
    loaded(50, server.source());
    model.selectedProperty().set(model.row("d-00007").orElseThrow());
    server.with(new Item("d-00007", "disk-7", "ATTACHED"));
    model.onEvent(event("item", "d-00007"));
    model.onEvent(event("item", "d-00007"));
    model.onEvent(event("vm", "d-00008"));
    ui.until("the row replaced", () -> model.row("d-00007").orElseThrow().item().state().equals("ATTACHED"));
    assertEquals(1, server.calls.stream().filter(c -> c.startsWith("read")).count(), "one read per burst");
    assertEquals(1, model.loads());
    assertEquals("ATTACHED", model.selectedProperty().get().item().state(), "the selection follows the resource");
  }

  @Test
  void aNewResourceIsAddedAndAGoneOneRemoved() {
    loaded(5, server.source());
    server.with(new Item("n-1", "fresh", "CREATING"));
    server.items.remove("d-00001");
    server.with(new Item("d-00002", "disk-2", "DELETED"));
    model.onEvent(event("item", "n-1"));
    model.onEvent(event("item", "d-00001"));
    model.onEvent(event("item", "d-00002"));
    ui.until("the rows changed", () -> model.row("n-1").isPresent() && model.row("d-00001").isEmpty()
        && model.row("d-00002").isEmpty());
    assertEquals(4, model.rows().size());
    assertEquals(4, model.totalProperty().get());
  }

  @Test
  void withoutAReadAnEventReloadsTheList() {
    loaded(3, ResourceSource.paged(Item::id, server::page).liveOn("item"));
    server.with(new Item("n-1", "fresh", "AVAILABLE"));
    model.onEvent(event("item", "whatever"));
    ui.until("reloaded", () -> model.row("n-1").isPresent());
    assertEquals(2, model.loads());
  }

  @Test
  void aFailedLoadSaysWhy() {
    model = new ResourceListModel<>(ResourceSource.paged(Item::id, p -> {
      throw new dev.vireo.api.client.ApiException(503, "unavailable", null, "database busy");
    }), io, ui, Item::name, Duration.ofMillis(30));
    model.load();
    ui.until("the error", () -> model.errorProperty().get() != null);
    assertTrue(model.errorProperty().get().contains("database busy"), model.errorProperty().get());
    assertTrue(!model.loadingProperty().get());
  }
}
