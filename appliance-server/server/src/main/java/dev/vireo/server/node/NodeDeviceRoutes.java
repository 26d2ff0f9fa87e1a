package dev.vireo.server.node;

import dev.vireo.agent.protocol.HostDevicesReply;
import dev.vireo.agent.protocol.ListHostDevicesCommand;
import dev.vireo.api.model.BlockDevice;
import dev.vireo.api.model.NetworkDevice;
import dev.vireo.api.model.Node;
import dev.vireo.api.model.NodeDevices;
import dev.vireo.api.model.NodeState;
import dev.vireo.api.model.PciDevice;
import dev.vireo.api.model.UsbDevice;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobFailedException;
import java.time.Duration;

/**
 * {@code GET /nodes/{id}/devices}: asks the node's agent now; only its passthrough-capable GPUs are
 * stored (ADR 0027), each shown with the VM it is assigned to. A node that is
 * not CONNECTED or does not answer within {@link #TIMEOUT} is 503 with the reason.
 */
public final class NodeDeviceRoutes {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final NodeStore nodes;
  private final AgentClient agents;

  public NodeDeviceRoutes(NodeStore nodes, AgentClient agents) {
    this.nodes = nodes;
    this.agents = agents;
  }

  // --- devices (ADR 0027) ---
  private dev.vireo.server.device.GpuStore gpus;

  public NodeDeviceRoutes useGpus(dev.vireo.server.device.GpuStore store) {
    this.gpus = store;
    return this;
  }
  // --- end devices ---

  public void register(ApiRouter router) {
    router.get("/api/v1/nodes/{id}/devices", Access.USER, this::devices);
  }

  private Response devices(Request r) throws InterruptedException {
    Node node = nodes.get(r.path("id")).orElseThrow(() -> ApiException.notFound("node", r.path("id")));
    if (node.state() != NodeState.CONNECTED) {
      throw unavailable("node " + node.id() + " (" + node.hostname() + ") is " + node.state()
          + ": its devices can only be listed while its agent is CONNECTED");
    }
    AgentAddress address = nodes.address(node.id()).orElseThrow(() -> ApiException.notFound("node", node.id()));
    HostDevicesReply reply;
    try {
      reply = agents.call(address, new ListHostDevicesCommand(), HostDevicesReply.class, TIMEOUT);
    } catch (JobFailedException e) {
      throw unavailable("node " + node.id() + " did not list its devices: " + e.getMessage());
    }
    if (gpus != null) { // devices (ADR 0027): the listing refreshes the node's GPU inventory
      gpus.recordInventory(node.id(), reply.pciDevices());
      java.util.Map<String, String> assigned = new java.util.HashMap<>();
      for (var g : gpus.ofNode(node.id())) {
        if (g.vmId() != null) {
          assigned.put(g.address(), g.vmId());
        }
      }
      NodeDevices m = toModel(node.id(), reply);
      return Response.ok(new NodeDevices(m.nodeId(), m.observedAt(), m.networkDevices(), m.blockDevices(),
          m.usbDevices(), m.pciDevices().stream().map(p -> new PciDevice(p.address(), p.vendorId(), p.deviceId(),
              p.classId(), p.driver(), p.iommuGroup(), p.groupFunctions(), assigned.get(p.address()))).toList()));
    }
    return Response.ok(toModel(node.id(), reply));
  }

  private static ApiException unavailable(String message) {
    return new ApiException(503, "node_unavailable", null, message);
  }

  static NodeDevices toModel(String nodeId, HostDevicesReply d) {
    return new NodeDevices(nodeId, d.observedAt(),
        d.networkInterfaces().stream().map(n -> new NetworkDevice(n.name(), n.mac(), n.state(), n.speedMbps(),
            n.mtu(), n.driver(), n.virtual())).toList(),
        d.blockDevices().stream().map(b -> new BlockDevice(b.name(), b.type(), b.sizeBytes(), b.rotational(),
            b.readOnly(), b.model(), b.mountPoints())).toList(),
        d.usbDevices().stream().map(u -> new UsbDevice(u.id(), u.busNumber(), u.deviceNumber(), u.vendorId(),
            u.productId(), u.manufacturer(), u.product(), u.serial(), u.speedMbps(), u.usbVersion())).toList(),
        d.pciDevices().stream().map(p -> new PciDevice(p.address(), p.vendorId(), p.deviceId(), p.classId(),
            p.driver(), p.iommuGroup(), p.groupFunctions(), null)).toList());
  }
}
