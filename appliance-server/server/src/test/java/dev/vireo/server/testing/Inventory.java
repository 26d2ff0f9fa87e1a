package dev.vireo.server.testing;

import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.CpuArch;
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
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.spec.SpecStore;
import dev.vireo.server.vm.VmStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows the inventory tests stand on, inserted through the stores themselves: the default region,
 * cluster and specs ({@link InventoryBootstrap}), one image, nodes and VMs.
 */
public final class Inventory {
  private final Jdbi jdbi;
  private final ClusterStore clusters;
  private final SpecStore specs;
  private final ImageStore images;
  private final NodeStore nodes;
  private final VmStore vms;
  private final String regionId;
  private final String clusterId;
  private final String imageId;
  private final Spec spec;

  public Inventory(Jdbi jdbi) {
    this.jdbi = jdbi;
    clusters = new ClusterStore(jdbi);
    specs = new SpecStore(jdbi);
    images = new ImageStore(jdbi);
    nodes = new NodeStore(jdbi);
    vms = new VmStore(jdbi);
    InventoryBootstrap.ensureDefaults(jdbi, clusters, specs, CpuArch.X86_64);
    regionId = clusters.defaultRegionId();
    clusterId = clusters.defaultCluster().id();
    spec = specs.list(clusterId).get(0);
    imageId = Ids.next("image");
    jdbi.useHandle(h -> images.insert(h, new Image(imageId, "busybox", null, ImageFormat.QCOW2, OsType.LINUX,
        BootMode.BIOS, ImageKind.BASE, ImageState.AVAILABLE, 0, 0, null, Instant.now()), "/tmp/busybox.qcow2",
        "/var/lib/vireo/storage/images/busybox.qcow2"));
  }

  public NodeStore nodes() {
    return nodes;
  }

  public VmStore vms() {
    return vms;
  }

  public String clusterId() {
    return clusterId;
  }

  /** Registers a CONNECTED node whose agent listens at {@code agentUrl}; returns its id. */
  public String node(String agentUrl) {
    return nodes.upsert(clusterId, agentUrl, "agent-token", new HostFacts("host-" + agentUrl.hashCode(), "x86_64",
        "QEMU Virtual CPU", 8, 1, 8, 1, 16L << 30, "serial-1", "kvm", "9.0.0", "8.0.0"));
  }

  /** A VM on {@code nodeId} in {@code state}, last changed a minute ago (so fresh reports are newer). */
  public String vm(String nodeId, VmState state) {
    String id = Ids.next("vm");
    jdbi.useHandle(h -> vms.insert(h, new Vm(id, "vm " + id, null, state, null, clusterId, null, imageId, spec.id(),
        spec.cpu(), spec.memoryGiB(), 10, BootMode.BIOS, null, null, HaMode.NONE), regionId, "vncpass1"));
    if (nodeId != null) {
      vms.setNode(id, nodeId);
    }
    ageVm(id, 60);
    return id;
  }

  /** Moves the VM's last change {@code seconds} into the past. */
  public void ageVm(String vmId, long seconds) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE vms SET updated_at = :t WHERE id = :id")
        .bind("t", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(seconds)).bind("id", vmId).execute());
  }

  /** Moves the node's last heartbeat {@code seconds} into the past. */
  public void ageHeartbeat(String nodeId, long seconds) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE nodes SET last_heartbeat_at = :t WHERE id = :id")
        .bind("t", OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(seconds)).bind("id", nodeId).execute());
  }
}
