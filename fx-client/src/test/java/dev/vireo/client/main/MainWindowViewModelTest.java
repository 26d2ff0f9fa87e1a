package dev.vireo.client.main;

import dev.vireo.client.app.MemoryPreferences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Region;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.ClientPreferences;
import dev.vireo.client.app.Messages;
import dev.vireo.client.app.UiExecutor;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main window's state without the FX toolkit: remembered screen and region, session expiry. */
class MainWindowViewModelTest {
  private final Background io = new Background(UiExecutor.direct(), 2);
  private final ClientPreferences prefs = new ClientPreferences(new MemoryPreferences());
  private final AppContext ctx = new AppContext(new VireoClient(URI.create("https://127.0.0.1:1"),
      "AA:".repeat(31) + "AA", "t"), io, UiExecutor.direct(), new Messages(Locale.ENGLISH), prefs);
  private final List<Region> regions = List.of(new Region("r1", "north", false), new Region("r2", "south", true));

  @AfterEach
  void close() {
    io.close();
  }

  private MainWindowViewModel vm() {
    return new MainWindowViewModel(ctx, "admin", List.of("a", "b", "c"), () -> regions, () -> {},
        new ConnectionMonitor(() -> {}, Clock.systemUTC(), UiExecutor.direct()));
  }

  @Test
  void theSelectedScreenIsRemembered() {
    MainWindowViewModel vm = vm();
    assertEquals(0, vm.selectedProperty().get());
    vm.select(2);
    vm.select(8); // Ctrl+9 with three screens: nothing
    assertEquals(2, vm.selectedProperty().get());
    assertEquals(2, vm().selectedProperty().get());
  }

  @Test
  void theDefaultRegionFirstThenTheChosenOne() {
    MainWindowViewModel vm = vm();
    vm.loadRegions();
    Await.until(() -> vm.regionProperty().get() != null, "the regions");
    assertEquals("r2", vm.regionProperty().get().id());
    vm.regionProperty().set(regions.get(0));
    MainWindowViewModel again = vm();
    again.loadRegions();
    Await.until(() -> again.regionProperty().get() != null, "the regions");
    assertEquals("r1", again.regionProperty().get().id());
  }

  @Test
  void allRegionsComeFirstAndTheChoiceReachesTheScreens() {
    MainWindowViewModel vm = vm();
    vm.loadRegions();
    // the regions arrive on a pool thread here: wait for the choice to have reached the screens
    Await.until(() -> "r2".equals(ctx.region().regionIdProperty().get()), "the default region first");
    assertEquals(List.of("*", "r1", "r2"), vm.regions().stream().map(Region::id).toList());
    assertEquals("All regions", vm.regions().get(0).name());
    vm.regionProperty().set(regions.get(0));
    assertEquals("r1", ctx.region().regionIdProperty().get());
    vm.regionProperty().set(vm.regions().get(0));
    assertEquals(null, ctx.region().regionIdProperty().get(), "all regions: no region filter");
    MainWindowViewModel again = vm();
    again.loadRegions();
    Await.until(() -> again.regionProperty().get() != null, "the regions");
    assertEquals("*", again.regionProperty().get().id(), "all regions is remembered too");
  }

  @Test
  void a401OnAnyCallExpiresTheSessionOnce() {
    MainWindowViewModel vm = vm();
    AtomicInteger expired = new AtomicInteger();
    vm.onSessionExpired(expired::incrementAndGet);
    for (int i = 0; i < 2; i++) {
      io.call(() -> {
        throw new dev.vireo.api.client.ApiException(401, "unauthorized", null, "expired");
      }, v -> {}, e -> {});
    }
    io.call(() -> {
      throw new IllegalStateException("not a 401");
    }, v -> {}, e -> {});
    Await.until(() -> expired.get() == 1, "the expiry");
    vm.close();
    assertEquals(1, expired.get());
  }
}
