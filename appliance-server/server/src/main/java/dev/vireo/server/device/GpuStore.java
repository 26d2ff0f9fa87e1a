package dev.vireo.server.device;

import dev.vireo.agent.protocol.HostPciDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Each node's passthrough-capable GPUs and their assignment to VMs (ADR 0027). A GPU row holds at
 * most one VM, and {@link #assign} takes free rows only under the row lock of an UPDATE with
 * {@code vm_id IS NULL}, so two VMs never get the same GPU.
 */
public final class GpuStore {
  /** A GPU of a node: its address, model ids, IOMMU group with its other functions, and the VM it is assigned to. */
  public record NodeGpu(String nodeId, String address, String vendorId, String deviceId, int iommuGroup,
      List<String> groupFunctions, String vmId) {
    public HostPciDevice device() {
      return new HostPciDevice(address, vendorId, deviceId, "0300", null, iommuGroup, groupFunctions);
    }
  }

  private final Jdbi jdbi;

  public GpuStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Records what the node's agent listed: new passthrough-capable GPUs are added free; a GPU no longer
   * listed is removed unless it is assigned (a VM holding it keeps its record until it releases it).
   */
  public void recordInventory(String nodeId, List<HostPciDevice> listed) {
    jdbi.useTransaction(h -> {
      List<String> seen = new ArrayList<>();
      for (HostPciDevice d : listed) {
        if (!d.passthroughCapable() || d.classId() == null || !d.classId().startsWith("03")) {
          continue;
        }
        seen.add(d.address());
        int updated = h.createUpdate("UPDATE node_gpus SET vendor_id = :v, device_id = :d, iommu_group = :g,"
                + " group_functions = :f WHERE node_id = :n AND address = :a")
            .bind("v", d.vendorId()).bind("d", d.deviceId()).bind("g", d.iommuGroup())
            .bind("f", String.join(",", d.groupFunctions())).bind("n", nodeId).bind("a", d.address()).execute();
        if (updated == 0) {
          h.createUpdate("INSERT INTO node_gpus (node_id, address, vendor_id, device_id, iommu_group, group_functions)"
                  + " VALUES (:n, :a, :v, :d, :g, :f)")
              .bind("n", nodeId).bind("a", d.address()).bind("v", d.vendorId()).bind("d", d.deviceId())
              .bind("g", d.iommuGroup()).bind("f", String.join(",", d.groupFunctions())).execute();
        }
      }
      for (NodeGpu g : ofNode(h, nodeId)) {
        if (!seen.contains(g.address()) && g.vmId() == null) {
          h.createUpdate("DELETE FROM node_gpus WHERE node_id = :n AND address = :a AND vm_id IS NULL")
              .bind("n", nodeId).bind("a", g.address()).execute();
        }
      }
    });
  }

  public List<NodeGpu> ofNode(String nodeId) {
    return jdbi.withHandle(h -> ofNode(h, nodeId));
  }

  private static List<NodeGpu> ofNode(Handle h, String nodeId) {
    return h.createQuery("SELECT * FROM node_gpus WHERE node_id = :n ORDER BY address").bind("n", nodeId)
        .map((rs, c) -> map(rs)).list();
  }

  /** GPUs per node: [total, free]. */
  public Map<String, int[]> countsByNode() {
    return jdbi.withHandle(h -> {
      Map<String, int[]> all = new HashMap<>();
      h.createQuery("SELECT node_id, COUNT(*) AS total, COUNT(*) - COUNT(vm_id) AS free FROM node_gpus GROUP BY node_id")
          .map((rs, c) -> {
            all.put(rs.getString("node_id"), new int[] {rs.getInt("total"), rs.getInt("free")});
            return null;
          }).list();
      return all;
    });
  }

  /** The GPUs assigned to a VM, by address. */
  public List<NodeGpu> ofVm(String vmId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM node_gpus WHERE vm_id = :vm ORDER BY address")
        .bind("vm", vmId).map((rs, c) -> map(rs)).list());
  }

  /** The GPU count a VM asked for (0: none). */
  public int requested(String vmId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT gpu_count FROM vm_gpus WHERE vm_id = :vm").bind("vm", vmId)
        .mapTo(Integer.class).findOne().orElse(0));
  }

  /** GPU counts of every VM that asked for any. */
  public Map<String, Integer> requestedByVm() {
    return jdbi.withHandle(h -> {
      Map<String, Integer> all = new HashMap<>();
      h.createQuery("SELECT vm_id, gpu_count FROM vm_gpus").map((rs, c) -> all.put(rs.getString(1), rs.getInt(2)))
          .list();
      return all;
    });
  }

  /** Records, in the create transaction, that a VM asks for {@code count} GPUs. */
  public void request(Handle h, String vmId, int count) {
    if (count > 0) {
      h.createUpdate("INSERT INTO vm_gpus (vm_id, gpu_count) VALUES (:vm, :c)").bind("vm", vmId).bind("c", count)
          .execute();
    }
  }

  /**
   * Assigns {@code count} free GPUs of the node to the VM, all or none; GPUs it already holds on the
   * node count. Returns the VM's GPUs, or empty when the node has too few free ones.
   */
  public List<NodeGpu> assign(String vmId, String nodeId, int count) {
    return jdbi.inTransaction(h -> {
      List<NodeGpu> mine = new ArrayList<>();
      for (NodeGpu g : ofNode(h, nodeId)) {
        if (vmId.equals(g.vmId())) {
          mine.add(g);
        }
      }
      for (NodeGpu g : ofNode(h, nodeId)) {
        if (mine.size() >= count) {
          break;
        }
        if (g.vmId() == null && h.createUpdate("UPDATE node_gpus SET vm_id = :vm WHERE node_id = :n AND address = :a"
            + " AND vm_id IS NULL").bind("vm", vmId).bind("n", nodeId).bind("a", g.address()).execute() == 1) {
          mine.add(new NodeGpu(nodeId, g.address(), g.vendorId(), g.deviceId(), g.iommuGroup(), g.groupFunctions(),
              vmId));
        }
      }
      if (mine.size() < count) {
        h.rollback();
        return List.of();
      }
      return mine;
    });
  }

  /** Frees every GPU the VM holds. */
  public void release(String vmId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE node_gpus SET vm_id = NULL WHERE vm_id = :vm").bind("vm", vmId)
        .execute());
  }

  /** Forgets a deleted VM: frees its GPUs and its request. */
  public void forget(String vmId) {
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE node_gpus SET vm_id = NULL WHERE vm_id = :vm").bind("vm", vmId).execute();
      h.createUpdate("DELETE FROM vm_gpus WHERE vm_id = :vm").bind("vm", vmId).execute();
    });
  }

  private static NodeGpu map(java.sql.ResultSet rs) throws java.sql.SQLException {
    String f = rs.getString("group_functions");
    return new NodeGpu(rs.getString("node_id"), rs.getString("address"), rs.getString("vendor_id"),
        rs.getString("device_id"), rs.getInt("iommu_group"),
        f == null || f.isEmpty() ? List.of() : Arrays.asList(f.split(",")), rs.getString("vm_id"));
  }
}
