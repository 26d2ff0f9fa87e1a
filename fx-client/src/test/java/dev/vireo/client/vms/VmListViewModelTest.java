package dev.vireo.client.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.ServerEvent;
import dev.vireo.api.model.VmState;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VM table's view-model without the FX toolkit: paged loading, filter, sort, live row updates. */
class VmListViewModelTest {
  private final QueueUi ui = new QueueUi();
  private final Background io = new Background(ui, 2);
  private final FakeVmApi api = new FakeVmApi();
  private VmListViewModel model;

  @BeforeEach
  void make() {
    model = new VmListViewModel(api, io, ui, new Messages(Locale.ENGLISH), Duration.ofMillis(50));
  }

  @AfterEach
  void close() {
    model.close();
    io.close();
  }

  private void loaded(int n) {
    for (int i = 0; i < n; i++) {
      api.with(FakeVmApi.vm(String.format("vm-%05d", i), "web-" + i, i % 3 == 0 ? VmState.STOPPED : VmState.RUNNING, i));
    }
    model.load();
    ui.until("all rows", () -> !model.loadingProperty().get() && model.rows().size() == n);
  }

  @Test
  void loadsEveryPage() {
    loaded(2500);
    assertEquals(2500, model.totalProperty().get());
    assertEquals(3, api.calls.stream().filter(c -> c.startsWith("listVms")).count(), api.calls.toString());
    assertEquals("kvm-a", model.rows().get(0).nodeName());
  }

  @Test
  void theFilterMatchesNameIdStateNodeAndAddressAllWords() {
    loaded(30);
    model.filterTextProperty().set("web-12");
    assertEquals(1, model.sorted().size());
    model.filterTextProperty().set("vm-00007");
    assertEquals("web-7", model.sorted().get(0).vm().name());
    model.filterTextProperty().set("STOPPED");
    assertEquals(10, model.sorted().size());
    model.filterTextProperty().set("stopped web-2");
    assertEquals(3, model.sorted().size(), "web-21, web-24 and web-27: every word must occur");
    model.filterTextProperty().set("KVM-A");
    assertEquals(30, model.sorted().size());
    model.filterTextProperty().set("10.0.0.6");
    assertEquals("web-5", model.sorted().get(0).vm().name());
    model.filterTextProperty().set("");
    assertEquals(30, model.sorted().size());
  }

  @Test
  void theChosenRegionShowsOnlyItsVmsFromTheLoadedRowsWithoutAnotherCall() {
    for (int i = 0; i < 10_000; i++) {
      api.with(FakeVmApi.vm(String.format("vm-%05d", i), "web-" + i, VmState.RUNNING, i)
          .withRegion(i % 4 == 0 ? "north" : "south"));
    }
    model.load();
    ui.until("all rows", () -> !model.loadingProperty().get() && model.rows().size() == 10_000);
    int calls = api.calls.size();
    model.regionProperty().set("north");
    assertEquals(2500, model.sorted().size());
    assertTrue(model.sorted().stream().allMatch(r -> "north".equals(r.vm().regionId())));
    model.filterTextProperty().set("web-12");
    assertEquals(List.of("web-12", "web-120", "web-1200", "web-1204", "web-1208"), model.sorted().stream()
        .map(r -> r.vm().name()).sorted().limit(5).toList(), "the text filter applies within the region");
    model.filterTextProperty().set("");
    model.regionProperty().set(null);
    assertEquals(10_000, model.sorted().size(), "all regions");
    assertEquals(calls, api.calls.size(), "switching regions filters the loaded rows, it calls nothing");
    assertEquals(10_000, model.totalProperty().get());
  }

  @Test
  void aVmOfAnotherRegionThatArrivesLiveStaysHiddenAndOneWithoutRegionShowsEverywhere() {
    model.load();
    ui.until("loaded", () -> !model.loadingProperty().get());
    model.regionProperty().set("region-1");
    model.put(FakeVmApi.vm("vm-x", "x", VmState.RUNNING, 9).withRegion("region-2"));
    model.put(FakeVmApi.vm("vm-y", "y", VmState.RUNNING, 9).withRegion("region-1"));
    model.put(FakeVmApi.vm("vm-z", "z", VmState.RUNNING, 9)); // read from a server before ADR 0047
    assertEquals(List.of("vm-y", "vm-z"), model.sorted().stream().map(VmRow::id).sorted().toList());
    model.put(FakeVmApi.vm("vm-x", "x", VmState.STOPPED, 9).withRegion("region-2"));
    assertEquals(2, model.sorted().size(), "an update of a hidden row keeps it hidden");
    model.regionProperty().set("region-2");
    assertEquals(List.of("vm-x", "vm-z"), model.sorted().stream().map(VmRow::id).sorted().toList());
  }

  @Test
  void sortsByTheComparatorTheTableGives() {
    loaded(20);
    model.sorted().setComparator(Comparator.comparing((VmRow r) -> r.vm().createdAt()).reversed());
    assertEquals("web-19", model.sorted().get(0).vm().name());
  }

  @Test
  void aVmEventRefreshesOnlyThatRowAndABurstCostsOneRead() {
    loaded(10);
    VmRow other = model.row("vm-00002").orElseThrow();
    VmRow before = model.row("vm-00001").orElseThrow();
    model.selectedProperty().set(before);
    api.with(FakeVmApi.vm("vm-00001", "web-1", VmState.STOPPING, 1));
    int reads = api.getVmCalls.get();
    for (int i = 0; i < 20; i++) {
      model.onEvent(new ServerEvent(100 + i, "vm", "vm-00001", "STOPPING", Instant.now()));
    }
    ui.until("the row changes", () -> model.row("vm-00001").orElseThrow().vm().state() == VmState.STOPPING);
    ui.drain(150);
    assertEquals(reads + 1, api.getVmCalls.get(), "one GET for the burst");
    assertSame(other, model.row("vm-00002").orElseThrow(), "other rows untouched");
    assertNotSame(before, model.row("vm-00001").orElseThrow());
    assertEquals(VmState.STOPPING, model.selectedProperty().get().vm().state(), "the selection follows the VM");
    assertEquals("Stopping", model.rows().get(1).stateText());
    assertEquals(10, model.rows().size());
  }

  @Test
  void aNewVmIsAddedAndAGoneOneRemoved() {
    loaded(3);
    api.with(FakeVmApi.vm("vm-new", "db-1", VmState.CREATING, 50));
    api.vms.remove("vm-00000");
    model.onEvent(new ServerEvent(1, "vm", "vm-new", "CREATING", Instant.now()));
    model.onEvent(new ServerEvent(2, "vm", "vm-00000", "DELETED", Instant.now()));
    ui.until("added and removed", () -> model.row("vm-new").isPresent() && model.row("vm-00000").isEmpty());
    assertEquals(3, model.rows().size());
    assertEquals(3, model.totalProperty().get());
    assertTrue(model.rows().stream().noneMatch(r -> r.id().equals("vm-00000")));
  }

  @Test
  void otherKindsAreIgnored() {
    loaded(2);
    int reads = api.getVmCalls.get();
    model.onEvent(new ServerEvent(1, "node", "vm-00000", "CONNECTED", Instant.now()));
    ui.drain(150);
    assertEquals(reads, api.getVmCalls.get());
  }
}
