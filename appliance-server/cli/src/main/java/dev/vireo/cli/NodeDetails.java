package dev.vireo.cli;

import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeDevices;
import dev.vireo.api.model.NodeSchedulingStatus;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's details page (white paper 5.5): {@code vireo node show} prints its facts and its VMs,
 * {@code vireo node devices} the host devices its agent sees now, one table per kind.
 */
final class NodeDetails {
  private final Session session;
  private final Output out;

  NodeDetails(Session session) {
    this.session = session;
    this.out = session.out;
  }

  /** Facts and, in text form, the node's VMs; JSON stays the Node (scripts list VMs with {@code vm list --node}). */
  void show(List<String> tokens) {
    Node n = session.client().getNode(Args.parse(tokens, Set.of(), Set.of()).target("node id"));
    if (out.isJson()) {
      out.json(n);
      return;
    }
    print(n);
    Page<Vm> vms = session.client().listVms(null, n.id());
    out.line("");
    out.line("VMs on this node: " + vms.total());
    if (!vms.items().isEmpty()) {
      out.table(List.of("ID", "NAME", "STATE", "CPU", "MEMORY", "IMAGE", "CREATED", "UPDATED"),
          vms.items().stream().map(v -> Table.row(v.id(), v.name(), Human.str(v.state()), String.valueOf(v.cpu()),
              Human.gib(v.memoryGiB()), v.imageId(), Human.time(v.createdAt()), Human.time(v.updatedAt()))).toList());
    }
  }

  void devices(List<String> tokens) {
    NodeDevices d = session.client().getNodeDevices(Args.parse(tokens, Set.of(), Set.of()).target("node id"));
    out.result(d, () -> {
      out.line("Devices of node " + d.nodeId() + " as its agent saw them at " + Human.time(d.observedAt()));
      section("Network interfaces", List.of("NAME", "MAC", "STATE", "SPEED", "MTU", "DRIVER", "VIRTUAL"),
          d.networkDevices().stream().map(n -> Table.row(n.name(), n.mac(), n.state(),
              n.speedMbps() == null ? null : n.speedMbps() + " Mb/s", n.mtu() == null ? null : n.mtu().toString(),
              n.driver(), n.virtual() ? "yes" : "no")).toList());
      section("Block devices", List.of("NAME", "TYPE", "SIZE", "ROTATIONAL", "READ-ONLY", "MODEL", "MOUNTED ON"),
          d.blockDevices().stream().map(b -> Table.row(b.name(), b.type(), Human.bytes(b.sizeBytes()),
              b.rotational() ? "yes" : "no", b.readOnly() ? "yes" : "no", b.model(),
              String.join(", ", b.mountPoints()))).toList());
      section("USB devices", List.of("ID", "VENDOR:PRODUCT", "MANUFACTURER", "PRODUCT", "SERIAL", "SPEED", "USB"),
          d.usbDevices().stream().map(u -> Table.row(u.id(), u.vendorId() + ":" + u.productId(), u.manufacturer(),
              u.product(), u.serial(), u.speedMbps() == null ? null : u.speedMbps() + " Mb/s", u.usbVersion()))
              .toList());
      // devices (ADR 0027): IOMMU group (with the group's other functions) and the VM it is assigned to
      section("GPUs (PCI display controllers)", List.of("ADDRESS", "VENDOR:DEVICE", "CLASS", "DRIVER",
              "IOMMU GROUP", "ASSIGNED TO"),
          d.pciDevices().stream().map(p -> Table.row(p.address(), p.vendorId() + ":" + p.deviceId(), p.classId(),
              p.driver(), p.iommuGroup() == null ? "none" : p.iommuGroup()
                  + (p.groupFunctions() == null || p.groupFunctions().isEmpty() ? ""
                      : " (+" + String.join(", ", p.groupFunctions()) + ")"),
              p.assignedVmId() == null ? "free" : p.assignedVmId())).toList());
    });
  }

  private void section(String title, List<String> headers, List<List<String>> rows) {
    out.line("");
    out.line(title + ":" + (rows.isEmpty() ? " none" : ""));
    if (!rows.isEmpty()) {
      out.table(headers, rows);
    }
  }

  /** The node's facts, label by label. */
  void print(Node n) {
    out.result(n, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", n.id());
      f.put("hostname", n.hostname());
      f.put("state", Human.str(n.state()));
      f.put("locked", n.locked() ? "yes (no new VMs)" : "no");
      f.put("scheduling", Human.str(n.schedulingStatus()));
      f.put("cluster", n.clusterId());
      f.put("agent", n.agentUrl());
      f.put("arch", n.arch());
      f.put("cpu model", n.cpuModel());
      f.put("cpus", n.cpus() + " (" + n.sockets() + " sockets x " + n.coresPerSocket() + " cores x "
          + n.threadsPerCore() + " threads)");
      f.put("memory", Human.bytes(n.memoryBytes()));
      f.put("vms", String.valueOf(n.vmCount()));
      f.put("domain type", n.domainType());
      f.put("libvirt", n.libvirtVersion());
      f.put("serial", n.serial());
      f.put("last heartbeat", Human.time(n.lastHeartbeatAt()));
      f.put("created", Human.time(n.createdAt()));
      out.fields(f);
    });
  }

  static String scheduling(Node n) {
    if (n.schedulingStatus() == null || n.schedulingStatus() == NodeSchedulingStatus.UNLOCKED) {
      return n.locked() ? " (locked)" : "";
    }
    return " (" + Human.str(n.schedulingStatus()) + ")";
  }
}
