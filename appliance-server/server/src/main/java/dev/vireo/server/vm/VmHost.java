package dev.vireo.server.vm;

import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.NetworkReply;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.QueryVmCommand;
import dev.vireo.agent.protocol.VmDefinition;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.server.agent.AgentClient;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.network.GuestSeeds;
import dev.vireo.server.network.NetworkStore;
import dev.vireo.server.network.NodeDhcp;
import dev.vireo.server.node.NodeStore;
import dev.vireo.server.secgroup.NicFilters;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A VM's side of the storage layout and of its node: paths under the storage root
 * ({@code vms/<id>/system.qcow2, nvram.fd, console.log, memory.save}) and agent calls for it.
 */
public final class VmHost {
  private final Path storageRoot;
  private final NodeStore nodes;
  private final AgentClient agents;
  private final GuestSeeds seeds;
  private final NodeDhcp dhcp;
  private final NetworkStore networks;
  private volatile VmDataDisks dataDisks = VmDataDisks.NONE;
  private final NicFilters filters;

  public VmHost(Path storageRoot, NodeStore nodes, AgentClient agents, GuestSeeds seeds, NetworkStore networks,
      NodeDhcp dhcp, NicFilters filters) {
    this.filters = filters;
    this.networks = networks;
    this.dhcp = dhcp;
    this.storageRoot = storageRoot.toAbsolutePath();
    this.nodes = nodes;
    this.agents = agents;
    this.seeds = seeds;
  }

  /** Where the VM's data disks come from (set once when the server is assembled). */
  public void useDataDisks(VmDataDisks disks) {
    this.dataDisks = disks;
  }

  public VmDataDisks dataDisks() {
    return dataDisks;
  }

  public Path dir(String vmId) {
    return storageRoot.resolve("vms").resolve(vmId);
  }

  // --- system disk migration (ADR 0028) ---
  private volatile StoragePaths storagePaths = StoragePaths.NONE;

  /** Where storage clusters are mounted (set once when the server is assembled). */
  public void useStoragePaths(StoragePaths paths) {
    this.storagePaths = paths;
  }

  /**
   * The VM's system disk: {@code system.qcow2} in its directory under the storage root, or in
   * {@code <storage path>/vms/<id>/} of the storage cluster it was moved to (the agent writes the
   * guest seed next to it). NVRAM, console log and saved memory stay in its directory under the
   * storage root.
   */
  public Path systemDiskPath(VmRecord r) {
    String sc = r.vm().systemStorageClusterId();
    return systemDiskPath(r.id(), sc == null ? null : storagePaths.pathOf(sc));
  }

  /** The system disk's path on a storage mounted at {@code storagePath} (null: the storage root). */
  public Path systemDiskPath(String vmId, String storagePath) {
    Path storage = storagePath == null ? storageRoot : Path.of(storagePath).toAbsolutePath().normalize();
    return storage.resolve("vms").resolve(vmId).resolve("system.qcow2");
  }
  // --- end system disk migration ---

  // --- boot from a disk, ISO install (ADR 0029) ---
  private volatile BootDisks bootDisks = BootDisks.NONE;
  private volatile java.util.function.Function<String, String> imagePaths = id -> {
    throw new IllegalStateException("image " + id + " is unknown (no images)");
  };

  public void useBootDisks(BootDisks disks) {
    this.bootDisks = disks;
  }

  public BootDisks bootDisks() {
    return bootDisks;
  }

  /** Where image files are (set once when the server is assembled). */
  public void useImagePaths(java.util.function.Function<String, String> paths) {
    this.imagePaths = paths;
  }

  /** The installation ISO in the VM's CD-ROM drive, or null. */
  private String cdromPath(VmRecord r) {
    return r.vm().cdromImageId() == null ? null : imagePaths.apply(r.vm().cdromImageId());
  }
  // --- end boot from a disk, ISO install ---

  /**
   * The domain of the VM, with its NICs and guest seed (ADR 0016; none for VMs created before
   * networks) and its data disks (ADR 0021): every define carries them, so they survive stop/start.
   */
  // --- devices (ADR 0027) ---
  private dev.vireo.server.device.GpuStore gpus;

  public VmHost useGpus(dev.vireo.server.device.GpuStore store) {
    this.gpus = store;
    return this;
  }

  /** The GPU store, or null when GPU passthrough is not wired (unit tests). */
  public dev.vireo.server.device.GpuStore gpus() {
    return gpus;
  }

  private dev.vireo.server.device.UsbStore usb;

  public VmHost useUsb(dev.vireo.server.device.UsbStore store) {
    this.usb = store;
    return this;
  }

  /** The USB store, or null when USB devices are not wired (unit tests). */
  public dev.vireo.server.device.UsbStore usb() {
    return usb;
  }

  /** The host PCI functions of the VM's assigned GPUs (each with its IOMMU group's other functions). */
  private java.util.List<String> pciPassthrough(String vmId) {
    if (gpus == null) {
      return java.util.List.of();
    }
    return dev.vireo.agent.protocol.HostPciDevice.passthroughFunctions(
        gpus.ofVm(vmId).stream().map(dev.vireo.server.device.GpuStore.NodeGpu::device).toList());
  }
  // --- end devices ---

  public VmDefinition definition(VmRecord r) {
    Path dir = dir(r.id());
    GuestSeeds.Parts net = seeds.of(r.id(), r.vm().hostname(), r.dnsServers(), r.passwordHash());
    return new VmDefinition(r.id(), r.id(), r.vm().name(), r.vm().cpu(), r.vm().memoryGiB() * 1024L,
        systemDiskPath(r).toString(), r.bootMode().name(), dir.resolve("nvram.fd").toString(),
        dir.resolve("console.log").toString(), "127.0.0.1", r.vncPassword(), net.nics(), net.seed(),
        dataDisks.definitions(r.id()),
        (r.vm().cpuMode() == null ? dev.vireo.api.model.CpuMode.CUSTOM : r.vm().cpuMode()).name(),
        ResizeRules.maxCpuFor(r.vm().cpu()), pciPassthrough(r.id()),
        usb == null ? java.util.List.of() : usb.definitions(r.id()), cdromPath(r));
  }

  /** Where a suspended VM's memory is saved: its directory on the shared storage (any node of its cluster restores it). */
  public Path saveImage(String vmId) {
    return dir(vmId).resolve("memory.save");
  }

  /**
   * Makes the VM's node carry each of the VM's networks before its domain is defined there: the
   * node may have missed its NETWORK_SYNC (idempotent on the agent, so usually a no-op). The
   * security-group filters of its filtered NICs go there too, so they wait for the taps (ADR 0018).
   */
  public void ensureNetworks(VmRecord r) throws JobFailedException, InterruptedException {
    if (r.nodeId() == null) {
      throw new JobFailedException("VM " + r.id() + " is not placed on any node");
    }
    ensureNetworks(r.nodeId(), r);
  }

  /** The same on a given node: a migration's or re-home's destination, before the VM arrives there. */
  public void ensureNetworks(String nodeId, VmRecord r) throws JobFailedException, InterruptedException {
    java.util.Set<String> done = new java.util.HashSet<>();
    for (NicDefinition nic : definition(r).nics()) {
      if (done.add(nic.networkId())) {
        call(nodeId, new EnsureNetworkCommand(nic.networkId(), nic.uplink(), nic.vlanId()), NetworkReply.class,
            Duration.ofSeconds(60));
        // DHCP network: the node's dnsmasq answers the VM before it boots there (ADR 0017)
        var n = networks.get(nic.networkId());
        if (n.isPresent()) {
          dhcp.ensure(nodeId, n.get(), java.util.List.of(r.id()));
        }
      }
    }
    filters.applyVm(nodeId, r.id()); // nothing for a VM without filtered NICs
  }

  /** The VM's NICs changed (MAC): its node's DHCP servers answer the new MAC (best effort). */
  public void nicsChanged(String nodeId, String vmId) throws InterruptedException {
    dhcp.vmChanged(nodeId, vmId);
  }

  /** The VM left the node (undefined, forgotten, migrated away): its DHCP servers and NIC filters drop the VM's NICs. */
  public void leftNode(String nodeId, String vmId) throws InterruptedException {
    dhcp.vmLeft(nodeId, vmId);
    filters.leftNode(nodeId, vmId); // its NICs' security-group filters go too (ADR 0018)
  }

  /** A stopped VM's NIC got a new MAC: a filtered NIC's node filters the new MAC instead (ADR 0018). */
  public void macChanged(VmRecord r, int index, String oldMac) throws JobFailedException, InterruptedException {
    if (r.nodeId() != null) {
      filters.macChanged(r.nodeId(), r.id(), index, oldMac);
    }
  }

  public <R extends AgentReply> R call(VmRecord r, AgentCommand command, Class<R> reply)
      throws JobFailedException, InterruptedException {
    return agents.call(address(r), command, reply);
  }

  public <R extends AgentReply> R call(VmRecord r, AgentCommand command, Class<R> reply, Duration timeout)
      throws JobFailedException, InterruptedException {
    return agents.call(address(r), command, reply, timeout);
  }

  /** What the node really runs for this VM. */
  public DomainPowerState query(VmRecord r) throws JobFailedException, InterruptedException {
    return call(r, new QueryVmCommand(r.id()), VmStateReply.class, Duration.ofSeconds(15)).state();
  }

  /** What a given node runs for this VM (a migration asks both ends). */
  public DomainPowerState query(String nodeId, String vmId) throws JobFailedException, InterruptedException {
    return agents.call(node(nodeId), new QueryVmCommand(vmId), VmStateReply.class, Duration.ofSeconds(15)).state();
  }

  public <R extends AgentReply> R call(String nodeId, AgentCommand command, Class<R> reply, Duration timeout)
      throws JobFailedException, InterruptedException {
    return agents.call(node(nodeId), command, reply, timeout);
  }

  /**
   * The libvirt URI a peer-to-peer migration reaches a node's libvirtd at: TCP on the host of the
   * node's agent URL (its management address; libvirtd listens there).
   */
  public String libvirtUri(String nodeId) throws JobFailedException {
    String host = java.net.URI.create(node(nodeId).url()).getHost();
    if (host == null) {
      throw new JobFailedException("node " + nodeId + " has no host in its agent URL");
    }
    return "qemu+tcp://" + host + "/system";
  }

  /** A CONNECTED node of the cluster (its agents reach the shared storage), if there is one. */
  public java.util.Optional<String> anyConnectedNode(String clusterId) {
    return nodes.list().stream()
        .filter(n -> clusterId.equals(n.clusterId()) && n.state() == dev.vireo.api.model.NodeState.CONNECTED)
        .map(dev.vireo.api.model.Node::id).findFirst();
  }

  private AgentAddress node(String nodeId) throws JobFailedException {
    return nodes.address(nodeId).orElseThrow(() -> new JobFailedException("node " + nodeId + " is unknown"));
  }

  private AgentAddress address(VmRecord r) throws JobFailedException {
    if (r.nodeId() == null) {
      throw new JobFailedException("VM " + r.id() + " is not placed on any node");
    }
    return nodes.address(r.nodeId())
        .orElseThrow(() -> new JobFailedException("node " + r.nodeId() + " of VM " + r.id() + " is unknown"));
  }
}
