package dev.vireo.tests.performance;

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
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.spec.SpecStore;
import dev.vireo.server.store.Database;
import dev.vireo.server.vm.VmStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Fills a server data directory with an inventory for benchmarks: the default region, cluster and
 * specs (the server's own bootstrap), one available image and N VMs, half RUNNING, half STOPPED.
 * Run it while the server is NOT running (HSQLDB's lock file forbids two processes):
 * {@code java -cp <server classpath>:tests/target/test-classes dev.vireo.tests.performance.SeedInventory <data_dir> <count>}.
 */
public final class SeedInventory {
  private static final int BATCH = 250;

  private SeedInventory() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SeedInventory <server data_dir> <vm count>");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]).toAbsolutePath();
    int count = Integer.parseInt(args[1]);
    int seeded = seed(dataDir, count);
    System.out.println("seeded " + seeded + " VMs into " + dataDir);
  }

  /** Inserts {@code count} VMs; returns how many live VMs the inventory then holds. */
  public static int seed(Path dataDir, int count) throws Exception {
    Files.createDirectories(dataDir);
    try (Database db = new Database(dataDir.resolve("db"))) {
      var jdbi = db.jdbi();
      ClusterStore clusters = new ClusterStore(jdbi);
      SpecStore specs = new SpecStore(jdbi);
      InventoryBootstrap.ensureDefaults(jdbi, clusters, specs, InventoryBootstrap.hostArch());
      ImageStore images = new ImageStore(jdbi);
      VmStore vms = new VmStore(jdbi);

      Cluster cluster = clusters.defaultCluster();
      List<Spec> usable = specs.list(cluster.id());
      Image image = new Image(Ids.next("image"), "bench-debian-12", "seeded for benchmarks", ImageFormat.QCOW2,
          OsType.LINUX, BootMode.BIOS, ImageKind.BASE, ImageState.AVAILABLE, 0, 0, null, Instant.now());
      jdbi.useTransaction(h -> images.insert(h, image, "seed://bench", "/nonexistent/bench-debian-12.qcow2"));

      for (int from = 0; from < count; from += BATCH) {
        int start = from;
        int end = Math.min(count, from + BATCH);
        jdbi.useTransaction(h -> {
          for (int i = start; i < end; i++) {
            Spec spec = usable.get(i % usable.size());
            Instant now = Instant.now();
            VmState state = i % 2 == 0 ? VmState.RUNNING : VmState.STOPPED;
            Vm vm = new Vm(Ids.next("vm"), String.format("bench-vm-%05d", i), i % 3 == 0 ? "web tier " + i : null,
                state, null, cluster.id(), null, image.id(), spec.id(), spec.cpu(), spec.memoryGiB(), 40,
                BootMode.BIOS, now, now, HaMode.NONE);
            vms.insert(h, vm, cluster.regionId(), "pw" + String.format("%06d", i));
          }
        });
      }
      return vms.list(null, null, 0, 1).total();
    }
  }
}
