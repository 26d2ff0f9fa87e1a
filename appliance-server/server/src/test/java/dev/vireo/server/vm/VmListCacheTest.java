package dev.vireo.server.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Cluster;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmState;
import dev.vireo.server.cluster.ClusterStore;
import dev.vireo.server.cluster.InventoryBootstrap;
import dev.vireo.server.http.Json;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.spec.SpecStore;
import dev.vireo.server.store.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached VM list never answers older than the last completed write, and matches the uncached answer. */
class VmListCacheTest {
  @TempDir
  Path dir;

  private Database db;
  private Jdbi jdbi;
  private VmStore vms;
  private VmListCache cache;
  private Cluster cluster;
  private Spec spec;
  private String imageId;

  @BeforeEach
  void setUp() {
    db = new Database(dir.resolve("db"));
    jdbi = db.jdbi();
    ClusterStore clusters = new ClusterStore(jdbi);
    SpecStore specs = new SpecStore(jdbi);
    InventoryBootstrap.ensureDefaults(jdbi, clusters, specs, InventoryBootstrap.hostArch());
    cluster = clusters.defaultCluster();
    spec = specs.list(cluster.id()).get(0);
    imageId = Ids.next("image");
    Image image = new Image(imageId, "debian", null, ImageFormat.QCOW2, OsType.LINUX, BootMode.BIOS, ImageKind.BASE,
        ImageState.AVAILABLE, 0, 0, null, Instant.now());
    jdbi.useTransaction(h -> new ImageStore(jdbi).insert(h, image, "test://", "/nonexistent"));
    vms = new VmStore(jdbi);
    cache = new VmListCache(vms);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Vm vm(String name, VmState state) {
    Instant now = Instant.now();
    return new Vm(Ids.next("vm"), name, null, state, null, cluster.id(), null, imageId, spec.id(), spec.cpu(),
        spec.memoryGiB(), 40, BootMode.BIOS, now, now, HaMode.NONE);
  }

  private Vm create(String name, VmState state) {
    Vm vm = vm(name, state);
    jdbi.useTransaction(h -> vms.insert(h, vm, cluster.regionId(), "secret"));
    return vm;
  }

  private JsonNode page() throws Exception {
    return Json.MAPPER.readTree(cache.page(null, null, 0, 100).identity());
  }

  private static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.get("items").forEach(i -> names.add(i.get("name").asText()));
    return names;
  }

  @Test
  void aCreatedVmIsListedAtOnce() throws Exception {
    assertEquals(0, page().get("total").asInt());
    create("web-1", VmState.RUNNING);
    assertEquals(List.of("web-1"), names(page()));
    create("web-2", VmState.STOPPED);
    assertEquals(2, page().get("total").asInt());
  }

  @Test
  void aRepeatedReadIsServedFromTheCache() {
    create("web-1", VmState.RUNNING);
    var first = cache.page(null, null, 0, 100);
    assertSame(first, cache.page(null, null, 0, 100));
  }

  @Test
  void aKeptPageIsAlsoKeptGzipCompressedAndDecompressesToTheSameJson() throws Exception {
    for (int i = 0; i < 20; i++) {
      create("web-" + i, VmState.RUNNING);
    }
    var page = cache.page(null, null, 0, 100);
    assertTrue(page.gzip().length < page.identity().length / 3, "a VM page compresses well");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(page.gzip()))) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(page.identity(), in.readAllBytes());
    }
  }

  @Test
  void aPageReadWhileAnInsertIsUncommittedIsNotServedAfterTheCommit() throws Exception {
    long before = vms.version();
    Vm vm = vm("late", VmState.CREATING);
    jdbi.useTransaction(h -> {
      vms.insert(h, vm, cluster.regionId(), "secret");
      // Another request's thread (so another connection): the row is not committed, the version not bumped.
      assertEquals(before, vms.version());
      assertEquals(List.of(), names(onAnotherThread(this::page)));
    });
    assertTrue(vms.version() > before, "the commit bumps the version");
    assertEquals(List.of("late"), names(page()));
  }

  @Test
  void aPageReadInsideTheWritingTransactionIsNotCached() throws Exception {
    assertThrows(IllegalStateException.class, () -> jdbi.useTransaction(h -> {
      vms.insert(h, vm("phantom", VmState.CREATING), cluster.regionId(), "secret");
      // Same thread: Jdbi reuses the open handle, so this read sees the uncommitted row.
      assertEquals(List.of("phantom"), names(page()));
      throw new IllegalStateException("rolled back");
    }));
    assertEquals(List.of(), names(page()));
    assertEquals(List.of(), names(onAnotherThread(this::page)));
  }

  private static <T> T onAnotherThread(java.util.concurrent.Callable<T> work) throws Exception {
    var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      return executor.submit(work).get();
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void aRolledBackInsertChangesNothing() throws Exception {
    long before = vms.version();
    assertThrows(IllegalStateException.class, () -> jdbi.useTransaction(h -> {
      vms.insert(h, vm("ghost", VmState.CREATING), cluster.regionId(), "secret");
      throw new IllegalStateException("validation failed after the insert");
    }));
    assertEquals(before, vms.version());
    assertEquals(List.of(), names(page()));
  }

  @Test
  void renamesAndStateChangesAreNeverStale() throws Exception {
    Vm vm = create("db-1", VmState.STOPPED);
    assertEquals("STOPPED", page().get("items").get(0).get("state").asText());

    vms.rename(vm.id(), "db-primary", "the primary");
    JsonNode item = page().get("items").get(0);
    assertEquals("db-primary", item.get("name").asText());
    assertEquals("the primary", item.get("description").asText());

    vms.setState(vm.id(), VmState.RUNNING, null);
    assertEquals("RUNNING", page().get("items").get(0).get("state").asText());

    // A state change inside a transaction (as a power request does), visible once committed.
    jdbi.useTransaction(h -> {
      vms.setState(h, vm.id(), VmState.STOPPING, null);
      assertEquals("RUNNING", onAnotherThread(this::page).get("items").get(0).get("state").asText());
    });
    assertEquals("STOPPING", page().get("items").get(0).get("state").asText());

    long before = vms.version();
    vms.setNode(vm.id(), null);
    assertTrue(vms.version() > before, "placing a VM bumps the version");
  }

  @Test
  void filteredAndPagedAnswersMatchTheUncachedSerialisation() {
    for (int i = 0; i < 12; i++) {
      create("vm-" + i, i % 3 == 0 ? VmState.RUNNING : VmState.STOPPED);
    }
    Vm gone = create("gone", VmState.DELETED);
    for (String state : new String[] {null, "RUNNING", "STOPPED", "DELETED"}) {
      for (int[] window : new int[][] {{0, 100}, {0, 5}, {5, 5}, {10, 5}, {50, 5}}) {
        byte[] expected = Json.write(vms.list(state, null, window[0], window[1]));
        assertArrayEquals(expected, cache.page(state, null, window[0], window[1]).identity(), state + " " + window[0]);
        assertArrayEquals(expected, cache.page(state, null, window[0], window[1]).identity(), "cached " + state + " " + window[0]);
      }
    }
    vms.setState(gone.id(), VmState.STOPPED, null);
    assertArrayEquals(Json.write(vms.list("DELETED", null, 0, 100)), cache.page("DELETED", null, 0, 100).identity());
    assertArrayEquals(Json.write(vms.list(null, null, 0, 100)), cache.page(null, null, 0, 100).identity());
  }

  @Test
  void theCacheStaysBounded() {
    create("one", VmState.RUNNING);
    for (int offset = 0; offset < 5 * VmListCache.MAX_ENTRIES; offset++) {
      cache.page(null, null, offset, 10);
      assertTrue(cache.size() <= VmListCache.MAX_ENTRIES);
    }
  }

  @Test
  void underConcurrentReadsEveryCompletedRenameIsVisibleToTheNextRead() throws Exception {
    Vm vm = create("v-0", VmState.RUNNING);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      Thread reader = new Thread(() -> {
        try {
          while (!stop.get()) {
            cache.page(null, null, 0, 100);
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      });
      reader.start();
      readers.add(reader);
    }
    try {
      for (int i = 1; i <= 200; i++) {
        String name = "v-" + i;
        if (i % 2 == 0) {
          vms.rename(vm.id(), name, null);
        } else {
          jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE vms SET name = :n WHERE id = :id").bind("n", name).bind("id", vm.id()).execute();
            vms.setState(h, vm.id(), VmState.RUNNING, null);
          });
        }
        assertEquals(List.of(name), names(page()), "after write " + i);
      }
    } finally {
      stop.set(true);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }
}
