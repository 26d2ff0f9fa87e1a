package dev.vireo.agent.command;

import dev.vireo.agent.devices.HostDevicesReader;
import dev.vireo.agent.network.NoCloudSeed;
import dev.vireo.agent.network.DhcpServers;
import dev.vireo.agent.network.OvsNetworks;
import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.AttachDiskCommand;
import dev.vireo.agent.protocol.CloneVolumeCommand;
import dev.vireo.agent.protocol.MigrateVolumeCommand;
import dev.vireo.agent.protocol.ResizeSystemDiskCommand;
import dev.vireo.agent.protocol.VolumeFromSnapshotCommand;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.DetachDiskCommand;
import dev.vireo.agent.protocol.ProbeStorageCommand;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.CreateSystemDiskCommand;
import dev.vireo.agent.protocol.DefineVmCommand;
import dev.vireo.agent.protocol.DeleteVmFilesCommand;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.EnsureDhcpCommand;
import dev.vireo.agent.protocol.EnsureNetworkCommand;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.ListHostDevicesCommand;
import dev.vireo.agent.protocol.MigrateVmCommand;
import dev.vireo.agent.protocol.MigrationReply;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.agent.protocol.PowerOffVmCommand;
import dev.vireo.agent.protocol.QueryVmCommand;
import dev.vireo.agent.protocol.ReadSerialLogCommand;
import dev.vireo.agent.protocol.RebootVmCommand;
import dev.vireo.agent.protocol.RemoveDhcpCommand;
import dev.vireo.agent.protocol.SerialLogReply;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import dev.vireo.agent.protocol.ShutdownVmCommand;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.SuspendVmCommand;
import dev.vireo.agent.protocol.RestoreVmCommand;
import dev.vireo.agent.protocol.SetVcpusCommand;
import dev.vireo.agent.protocol.UndefineVmCommand;
import dev.vireo.agent.protocol.VmDefinition;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.agent.secgroup.NicFilters;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one protocol command, idempotently by target state: a command whose goal already
 * holds succeeds without doing anything.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
  private static final long SHUTDOWN_RETRY_MILLIS = 3000;

  private final Hypervisor hypervisor;
  private final DiskTool disks;
  private final Path storageRoot;
  private final FenceState fence;
  private final HostDevicesReader devices;
  private final OvsNetworks networks;
  private final DhcpServers dhcp;
  private final NoCloudSeed seeds;
  private final DataDiskCommands dataDisks;
  private final UsbCommands usb; // devices (ADR 0027)
  // disk snapshots (ADR 0025)
  private final VolumeSnapshots snapshots;
  private final SystemDiskMigration systemDisks; // ADR 0028
  private final SystemDiskImages systemDiskImages; // ADR 0029
  private final NicFilters filters;

  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot) {
    this(hypervisor, disks, storageRoot, FenceState.NEVER);
  }

  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot, FenceState fence) {
    this(hypervisor, disks, storageRoot, fence, HostDevicesReader.ofThisHost());
  }

  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot, FenceState fence,
      HostDevicesReader devices) {
    this(hypervisor, disks, storageRoot, fence, devices, OvsNetworks.ofThisHost(null), NoCloudSeed.ofThisHost());
  }

  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot, FenceState fence,
      HostDevicesReader devices, OvsNetworks networks, NoCloudSeed seeds) {
    this(hypervisor, disks, storageRoot, fence, devices, networks, seeds, null);
  }

  /** @param dhcp this node's DHCP servers, or null (EnsureDhcp fails) */
  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot, FenceState fence,
      HostDevicesReader devices, OvsNetworks networks, NoCloudSeed seeds, DhcpServers dhcp) {
    this(hypervisor, disks, storageRoot, fence, devices, networks, seeds, dhcp, null);
  }

  /**
   * @param filters this node's NIC security-group filters, or null (ApplyNicFilters fails); VMs that
   *     leave the node (undefined, forgotten, migrated away) lose theirs here
   */
  public CommandExecutor(Hypervisor hypervisor, DiskTool disks, Path storageRoot, FenceState fence,
      HostDevicesReader devices, OvsNetworks networks, NoCloudSeed seeds, DhcpServers dhcp, NicFilters filters) {
    this.filters = filters;
    this.dhcp = dhcp;
    this.networks = networks;
    this.seeds = seeds;
    this.hypervisor = hypervisor;
    this.disks = disks;
    this.storageRoot = storageRoot.toAbsolutePath().normalize();
    this.fence = fence;
    this.devices = devices;
    this.dataDisks = new DataDiskCommands(hypervisor, disks);
    this.usb = new UsbCommands(hypervisor); // devices (ADR 0027)
    this.snapshots = new VolumeSnapshots(hypervisor, disks, dataDisks, storageRoot);
    this.systemDisks = new SystemDiskMigration(hypervisor, disks, this.storageRoot);
    this.systemDiskImages = new SystemDiskImages(hypervisor, disks, this.storageRoot);
  }

  private DhcpServers dhcpServers() {
    if (dhcp == null) {
      throw new CommandFailedException("DHCP_UNAVAILABLE", "this agent runs no DHCP servers");
    }
    return dhcp;
  }

  private NicFilters nicFilters() {
    if (filters == null) {
      throw new CommandFailedException("FILTERS_UNAVAILABLE", "this agent applies no NIC filters");
    }
    return filters;
  }

  /** The domain's NIC MACs for {@link #forgetFilters}; never fails the command that asks. */
  private List<String> nicMacs(String domain) {
    if (filters == null) {
      return List.of();
    }
    try {
      return hypervisor.nicMacs(domain);
    } catch (CommandFailedException e) {
      LOG.warn("cannot read the NICs of {} (their filters stay until the server removes them): {}", domain,
          e.getMessage());
      return List.of();
    }
  }

  /**
   * Removes the NIC filters of a VM that left this node; the command that moved it succeeded, so a
   * failure here is logged, not reported (stale flows of a freed zone are replaced with the zone's
   * next owner: every bundle starts with a delete of its cookie).
   */
  private void forgetFilters(String domain, List<String> macs) {
    if (filters == null || macs.isEmpty()) {
      return;
    }
    try {
      filters.forget(macs);
    } catch (CommandFailedException e) {
      LOG.warn("cannot remove the NIC filters of {} ({}): {} {}", domain, macs, e.code(), e.getMessage());
    }
  }

  // Java 17 has no pattern matching for switch: an instanceof chain over the sealed set.
  public AgentReply execute(AgentCommand command) {
    if (command instanceof CreateSystemDiskCommand c) {
      return createSystemDisk(c);
    } else if (command instanceof DefineVmCommand c) {
      refuseIfFenced("define " + c.vm().domainName());
      VmPaths.systemDisk(storageRoot, c.vm().systemDiskPath(), "systemDiskPath");
      if (c.vm().cdromPath() != null) { // ISO install (ADR 0029): an imported ISO under the storage root
        VmPaths.underRoot(storageRoot, c.vm().cdromPath(), "cdromPath");
      }
      if (c.vm().dataDisks() != null) {
        c.vm().dataDisks().forEach(DataDiskCommands::checked);
      }
      if (hypervisor.state(c.vm().domainName()) == DomainPowerState.RUNNING) {
        return stateOf(c.vm().domainName());
      }
      hypervisor.define(c.vm(), resolveDevices(c.vm()));
      return stateOf(c.vm().domainName());
    } else if (command instanceof StartVmCommand c) {
      refuseIfFenced("start " + c.domainName());
      DomainPowerState s = requireDefined(c.domainName());
      if (s != DomainPowerState.RUNNING) {
        hypervisor.start(c.domainName());
      }
      return stateOf(c.domainName());
    } else if (command instanceof ShutdownVmCommand c) {
      return shutdown(c);
    } else if (command instanceof PowerOffVmCommand c) {
      if (requireDefined(c.domainName()) != DomainPowerState.SHUTOFF) {
        hypervisor.destroy(c.domainName());
      }
      return stateOf(c.domainName());
    } else if (command instanceof RebootVmCommand c) {
      if (requireDefined(c.domainName()) != DomainPowerState.RUNNING) {
        throw new CommandFailedException("NOT_RUNNING", "domain " + c.domainName() + " is not running");
      }
      hypervisor.reboot(c.domainName());
      return stateOf(c.domainName());
    } else if (command instanceof UndefineVmCommand c) {
      if (hypervisor.state(c.domainName()) != DomainPowerState.ABSENT) {
        List<String> macs = nicMacs(c.domainName());
        if (hypervisor.state(c.domainName()) != DomainPowerState.SHUTOFF) {
          hypervisor.destroy(c.domainName());
        }
        hypervisor.undefine(c.domainName());
        forgetFilters(c.domainName(), macs);
      }
      return new DoneReply();
    } else if (command instanceof ForgetDomainCommand c) {
      return forget(c.domainName());
    } else if (command instanceof DeleteVmFilesCommand c) {
      deleteTree(VmPaths.vmDirectory(storageRoot, c.vmDirectory(), "vmDirectory"));
      return new DoneReply();
    } else if (command instanceof ReadSerialLogCommand c) {
      return tail(requireUnderStorage(Path.of(c.serialLogPath()), "serialLogPath"), c.maxBytes());
    } else if (command instanceof QueryVmCommand c) {
      return stateOf(c.domainName());
    } else if (command instanceof MigrateVmCommand c) {
      refuseIfFenced("migrate " + c.domainName());
      return migrate(c);
    } else if (command instanceof EnsureNetworkCommand c) {
      return networks.ensure(c);
    } else if (command instanceof EnsureDhcpCommand c) {
      return dhcpServers().ensure(c);
    } else if (command instanceof RemoveDhcpCommand c) {
      return dhcpServers().remove(c.networkId());
    } else if (command instanceof SetGuestRoutesCommand c) {
      new GuestRouteUpdater(hypervisor::guestAgentCommand).apply(c);
      return new DoneReply();
    } else if (command instanceof ApplyNicFiltersCommand c) {
      return nicFilters().apply(c);
    } else if (command instanceof ListHostDevicesCommand) {
      return devices.read();
    // vm operations: suspend to file, restore, CPU hot-add
    } else if (command instanceof SuspendVmCommand c) {
      return suspend(c);
    } else if (command instanceof RestoreVmCommand c) {
      refuseIfFenced("restore " + c.domainName());
      return restore(c);
    } else if (command instanceof SetVcpusCommand c) {
      return setVcpus(c);
    }
    // data disks and storage clusters (ADR 0021)
    if (command instanceof ProbeStorageCommand c) {
      return dataDisks.probe(c);
    } else if (command instanceof CreateVolumeCommand c) {
      return dataDisks.create(c);
    } else if (command instanceof DeleteVolumeCommand c) {
      return dataDisks.delete(c);
    } else if (command instanceof ResizeVolumeCommand c) {
      return dataDisks.resize(c);
    } else if (command instanceof AttachDiskCommand c) {
      refuseIfFenced("attach a disk to " + c.domainName());
      return dataDisks.attach(c);
    } else if (command instanceof DetachDiskCommand c) {
      return dataDisks.detach(c);
    } else if (command instanceof CloneVolumeCommand c) {
      return dataDisks.clone(c);
    // devices (ADR 0027)
    } else if (command instanceof dev.vireo.agent.protocol.AttachUsbCommand c) {
      refuseIfFenced("attach a USB device to " + c.domainName());
      return usb.attach(c);
    } else if (command instanceof dev.vireo.agent.protocol.DetachUsbCommand c) {
      return usb.detach(c);
    }
    // storage live migration (ADR 0026)
    if (command instanceof MigrateVolumeCommand c) {
      return dataDisks.migrate(c);
    } else if (command instanceof dev.vireo.agent.protocol.MigrateSystemDiskCommand c) {
      refuseIfFenced("migrate the system disk of " + c.domainName());
      return systemDisks.migrate(c);
    } else if (command instanceof dev.vireo.agent.protocol.QueryBlockCopyCommand c) {
      return systemDisks.progress(c);
    }
    // system disk growth (C4, ADR 0026)
    if (command instanceof ResizeSystemDiskCommand c) {
      return resizeSystemDisk(c);
    }
    // disk snapshots and QoS (ADR 0025)
    if (command instanceof VolumeSnapshotCommand c) {
      return snapshots.apply(c);
    } else if (command instanceof VolumeFromSnapshotCommand c) {
      return snapshots.copy(c);
    } else if (command instanceof dev.vireo.agent.protocol.SetDiskQosCommand c) {
      return dataDisks.setQos(c);
    }
    // images from VMs, reinstall, boot from a disk, ISO install (ADR 0029)
    if (command instanceof dev.vireo.agent.protocol.ExportSystemDiskCommand c) {
      return systemDiskImages.export(c);
    } else if (command instanceof dev.vireo.agent.protocol.ReinstallSystemDiskCommand c) {
      refuseIfFenced("reinstall " + c.domainName());
      return systemDiskImages.reinstall(c);
    } else if (command instanceof dev.vireo.agent.protocol.AdoptVolumeCommand c) {
      return systemDiskImages.adopt(c);
    } else if (command instanceof dev.vireo.agent.protocol.EjectCdromCommand c) {
      return systemDiskImages.eject(c);
    }
    // secure VM console (ADR 0030)
    if (command instanceof dev.vireo.agent.protocol.SetDisplayPasswordCommand c) {
      return displayPassword(c);
    }
    throw new CommandFailedException("INVALID_COMMAND", "unknown command " + command);
  }

  /**
   * Resolves what a definition needs on this node (ADR 0015): each NIC's bridge (the bridge its
   * uplink is a port of here) and the NoCloud seed, rewritten as {@code seed.img} next to the
   * system disk on every define.
   */
  private Hypervisor.DomainDevices resolveDevices(VmDefinition vm) {
    List<String> bridges = new ArrayList<>();
    for (NicDefinition n : vm.nics() == null ? List.<NicDefinition>of() : vm.nics()) {
      if (n.mac() == null || !n.mac().matches("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}")) {
        throw new CommandFailedException("INVALID_COMMAND", "NIC MAC " + n.mac() + " is not a MAC address");
      }
      if (n.vlanId() != null && (n.vlanId() < 1 || n.vlanId() > 4094)) {
        throw new CommandFailedException("INVALID_COMMAND", "NIC vlanId must be 1..4094 or null, got " + n.vlanId());
      }
      bridges.add(networks.bridgeFor(n.networkId(), n.uplink()));
    }
    String seed = null;
    if (vm.seed() != null) {
      Path disk = VmPaths.systemDisk(storageRoot, vm.systemDiskPath(), "systemDiskPath");
      seed = seeds.write(vm.seed(), disk.resolveSibling(NoCloudSeed.FILE_NAME)).toString();
    }
    boolean softwareChecksums = bridges.stream().distinct().anyMatch(networks::userspaceDatapath);
    return new Hypervisor.DomainDevices(bridges, seed, softwareChecksums);
  }

  /** Online (blockresize of vda) when the domain runs, else qemu-img resize of the overlay; never a shrink. */
  private AgentReply resizeSystemDisk(ResizeSystemDiskCommand c) {
    Path disk = VmPaths.systemDisk(storageRoot, c.systemDiskPath(), "systemDiskPath");
    if (!Files.isRegularFile(disk)) {
      throw new CommandFailedException("DISK_NOT_FOUND", disk + " does not exist on this node");
    }
    long current = disks.info(disk).virtualSize();
    if (c.sizeBytes() < current) {
      throw new CommandFailedException("SHRINK_REFUSED", "system disk " + disk + " is " + current
          + " bytes; shrinking to " + c.sizeBytes() + " is refused");
    }
    if (c.sizeBytes() > current) {
      DomainPowerState s = c.domainName() == null ? DomainPowerState.ABSENT : hypervisor.state(c.domainName());
      if (s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED || s == DomainPowerState.BLOCKED) {
        hypervisor.blockResize(c.domainName(), "vda", c.sizeBytes());
        LOG.info("grew the system disk of running {} to {} bytes", c.domainName(), c.sizeBytes());
      } else {
        disks.growVolume(disk, c.sizeBytes());
        LOG.info("grew system disk {} to {} bytes (offline)", disk, c.sizeBytes());
      }
    }
    return new DiskReply(disk.toString(), disks.info(disk).virtualSize());
  }

  private AgentReply createSystemDisk(CreateSystemDiskCommand c) {
    Path disk = requireUnderStorage(Path.of(c.diskPath()), "diskPath");
    if (c.imagePath() == null) {
      return createBlankSystemDisk(disk, c.sizeGiB()); // ISO install (ADR 0029)
    }
    Path image = Path.of(c.imagePath()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(image)) {
      throw new CommandFailedException("IMAGE_NOT_FOUND", "image file " + image + " does not exist on this node");
    }
    if (Files.exists(disk)) {
      DiskTool.DiskInfo existing = disks.info(disk);
      if (image.toString().equals(existing.backingFile())) {
        return new DiskReply(disk.toString(), existing.virtualSize());
      }
      throw new CommandFailedException("DISK_CREATE_FAILED",
          disk + " exists with another backing file (" + existing.backingFile() + ")");
    }
    long size = Math.max(c.sizeGiB() << 30, disks.info(image).virtualSize());
    try {
      Files.createDirectories(disk.getParent());
    } catch (IOException e) {
      throw new CommandFailedException("DISK_CREATE_FAILED", "cannot create " + disk.getParent(), e);
    }
    disks.createOverlay(image, disk, size);
    return new DiskReply(disk.toString(), disks.info(disk).virtualSize());
  }

  /**
   * VNC passwords are at most 8 characters, SPICE ones at most 60; the ticket's password is valid
   * until the ticket expires.
   */
  private AgentReply displayPassword(dev.vireo.agent.protocol.SetDisplayPasswordCommand c) {
    int max = c.spice() ? 60 : 8;
    if (c.password() == null || c.password().isEmpty() || c.password().length() > max
        || !c.password().chars().allMatch(ch -> ch > 32 && ch < 127 && ch != '\'' && ch != '"')) {
      throw new CommandFailedException("INVALID_COMMAND", "a " + (c.spice() ? "SPICE" : "VNC")
          + " display password is 1-" + max + " printable characters");
    }
    if (c.validUntil() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "validUntil is required");
    }
    DomainPowerState s = requireDefined(c.domainName());
    if (s != DomainPowerState.RUNNING && s != DomainPowerState.PAUSED && s != DomainPowerState.BLOCKED) {
      throw new CommandFailedException("NOT_RUNNING", "domain " + c.domainName() + " is " + s + "; only a running"
          + " domain has a display");
    }
    return new dev.vireo.agent.protocol.DisplayReply(c.domainName(), c.spice()
        ? hypervisor.setSpicePassword(c.domainName(), c.password(), c.validUntil())
        : hypervisor.setDisplayPassword(c.domainName(), c.password(), c.validUntil()));
  }

  /** A thin disk without backing file for an installer to fill; an existing one without backing file is done. */
  private AgentReply createBlankSystemDisk(Path disk, long sizeGiB) {
    if (Files.exists(disk)) {
      DiskTool.DiskInfo existing = disks.info(disk);
      if (existing.backingFile() == null) {
        return new DiskReply(disk.toString(), existing.virtualSize());
      }
      throw new CommandFailedException("DISK_CREATE_FAILED", disk + " exists with a backing file ("
          + existing.backingFile() + ")");
    }
    try {
      Files.createDirectories(disk.getParent());
    } catch (IOException e) {
      throw new CommandFailedException("DISK_CREATE_FAILED", "cannot create " + disk.getParent(), e);
    }
    disks.createVolume(disk, sizeGiB << 30);
    return new DiskReply(disk.toString(), disks.info(disk).virtualSize());
  }

  // --- vm operations: suspend to file, restore, CPU hot-add ---

  /**
   * Saves the running domain's memory to the image (written next to it as {@code .part} first and
   * renamed, so an image that exists is complete); shut off with the image present: done already.
   */
  private AgentReply suspend(SuspendVmCommand c) {
    Path image = requireUnderStorage(Path.of(c.saveImagePath()), "saveImagePath");
    DomainPowerState s = requireDefined(c.domainName());
    if (s == DomainPowerState.SHUTOFF && Files.isRegularFile(image)) {
      return stateOf(c.domainName());
    }
    if (s != DomainPowerState.RUNNING && s != DomainPowerState.PAUSED && s != DomainPowerState.BLOCKED) {
      throw new CommandFailedException("NOT_RUNNING", "domain " + c.domainName() + " is " + s
          + "; only a running domain is suspended to a file");
    }
    Path part = image.resolveSibling(image.getFileName() + ".part");
    try {
      Files.createDirectories(image.getParent());
      Files.deleteIfExists(part);
      long started = System.nanoTime();
      hypervisor.save(c.domainName(), part);
      Files.move(part, image, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      LOG.info("suspended {} to {} ({} bytes) in {} ms", c.domainName(), image, Files.size(image),
          (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      throw new CommandFailedException("IO_ERROR", "cannot write " + image + ": " + e.getMessage(), e);
    }
    return stateOf(c.domainName());
  }

  /** Restores from the image and deletes it; running already: done. Never boots a domain afresh. */
  private AgentReply restore(RestoreVmCommand c) {
    Path image = requireUnderStorage(Path.of(c.saveImagePath()), "saveImagePath");
    DomainPowerState s = requireDefined(c.domainName());
    if (s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED || s == DomainPowerState.BLOCKED) {
      return stateOf(c.domainName());
    }
    if (!Files.isRegularFile(image)) {
      throw new CommandFailedException("NO_SAVE_IMAGE", "domain " + c.domainName() + " is " + s
          + " and has no saved memory image at " + image + "; it cannot be resumed (start it to boot afresh)");
    }
    long started = System.nanoTime();
    hypervisor.restore(image);
    LOG.info("restored {} from {} in {} ms", c.domainName(), image, (System.nanoTime() - started) / 1_000_000);
    try {
      Files.deleteIfExists(image); // consumed: a later restore of stale memory would corrupt the disk
    } catch (IOException e) {
      LOG.warn("cannot delete the consumed save image {}: {}", image, e.getMessage());
    }
    return stateOf(c.domainName());
  }

  private AgentReply setVcpus(SetVcpusCommand c) {
    if (c.vcpus() < 1) {
      throw new CommandFailedException("INVALID_COMMAND", "vcpus must be at least 1, got " + c.vcpus());
    }
    requireDefined(c.domainName());
    if (hypervisor.vcpus(c.domainName()) != c.vcpus()) {
      hypervisor.setVcpus(c.domainName(), c.vcpus());
    }
    return stateOf(c.domainName());
  }

  /**
   * Migrates unless the target state holds already: gone here and running on the destination
   * (a resent command after the first one succeeded) succeeds without work.
   */
  private AgentReply migrate(MigrateVmCommand c) {
    String domain = c.domainName();
    if (c.destinationUri() == null || !c.destinationUri().matches("qemu\\+tcp://[A-Za-z0-9.:\\[\\]-]+/system")) {
      throw new CommandFailedException("INVALID_COMMAND",
          "destinationUri must be qemu+tcp://<host>/system, got " + c.destinationUri());
    }
    DomainPowerState here = hypervisor.state(domain);
    if (here == DomainPowerState.ABSENT) {
      DomainPowerState there = hypervisor.stateAt(c.destinationUri(), domain);
      if (there == DomainPowerState.RUNNING || there == DomainPowerState.PAUSED) {
        return new MigrationReply(domain, there, 0, null, null, true);
      }
      throw new CommandFailedException("DOMAIN_NOT_FOUND", "domain " + domain
          + " is not defined on this node and the destination reports " + there);
    }
    if (here != DomainPowerState.RUNNING && here != DomainPowerState.PAUSED) {
      throw new CommandFailedException("NOT_RUNNING", "domain " + domain + " is " + here + ", only a running domain migrates live");
    }
    List<String> macs = nicMacs(domain);
    Hypervisor.Migration m = hypervisor.migrate(domain, c.destinationUri(), c.maxDowntimeMillis());
    forgetFilters(domain, macs);
    DomainPowerState there = hypervisor.stateAt(c.destinationUri(), domain);
    LOG.info("migrated {} to {} in {} ms (downtime {} ms, {} bytes); destination reports {}", domain,
        c.destinationUri(), m.totalMillis(), m.downtimeMillis(), m.dataBytes(), there);
    return new MigrationReply(domain, there, m.totalMillis(), m.downtimeMillis(), m.dataBytes(), false);
  }

  /**
   * A fenced node lost the server and the majority of its cluster: another node may be running
   * its VMs from the same disks, so it starts nothing until the server has seen it fenced.
   */
  private void refuseIfFenced(String what) {
    java.time.Instant at = fence.fencedAt();
    if (at != null) {
      throw new CommandFailedException("FENCED", "cannot " + what + ": this node fenced itself at " + at
          + " after losing contact with the server and the majority of its cluster; it runs no VM until"
          + " a heartbeat has told the server");
    }
  }

  /** Destroys and undefines a stale definition, keeping NVRAM and disks; a domain gone meanwhile is done. */
  private AgentReply forget(String domain) {
    try {
      DomainPowerState s = hypervisor.state(domain);
      if (s == DomainPowerState.ABSENT) {
        return new DoneReply();
      }
      List<String> macs = nicMacs(domain);
      if (s != DomainPowerState.SHUTOFF) {
        hypervisor.destroy(domain);
      }
      hypervisor.forget(domain);
      forgetFilters(domain, macs);
    } catch (CommandFailedException e) {
      if (!"DOMAIN_NOT_FOUND".equals(e.code())) {
        throw e;
      }
    }
    LOG.info("forgot stale domain {} (NVRAM and disks kept)", domain);
    return new DoneReply();
  }

  private AgentReply shutdown(ShutdownVmCommand c) {
    String domain = c.domainName();
    long deadline = System.currentTimeMillis() + c.timeoutSeconds() * 1000L;
    // A power-button press during early boot is lost, so press again until the guest is off.
    while (requireDefined(domain) != DomainPowerState.SHUTOFF) {
      if (System.currentTimeMillis() >= deadline) {
        if (!c.forceAfterTimeout()) {
          throw new CommandFailedException("SHUTDOWN_TIMEOUT",
              "guest did not shut down within " + c.timeoutSeconds() + " s");
        }
        LOG.info("{} ignored ACPI shutdown for {} s, powering off", domain, c.timeoutSeconds());
        hypervisor.destroy(domain);
        break;
      }
      try {
        hypervisor.pressPowerButton(domain);
      } catch (CommandFailedException e) {
        LOG.debug("power button on {}: {}", domain, e.getMessage());
      }
      sleepUntilOffOr(domain, Math.min(SHUTDOWN_RETRY_MILLIS, Math.max(0, deadline - System.currentTimeMillis())));
    }
    return stateOf(domain);
  }

  private void sleepUntilOffOr(String domain, long millis) {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end && hypervisor.state(domain) != DomainPowerState.SHUTOFF) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailedException("INTERRUPTED", "agent is stopping");
      }
    }
  }

  private DomainPowerState requireDefined(String domain) {
    DomainPowerState s = hypervisor.state(domain);
    if (s == DomainPowerState.ABSENT) {
      throw new CommandFailedException("DOMAIN_NOT_FOUND", "domain " + domain + " is not defined on this node");
    }
    return s;
  }

  private VmStateReply stateOf(String domain) {
    DomainPowerState s = hypervisor.state(domain);
    return new VmStateReply(domain, s, s == DomainPowerState.RUNNING ? hypervisor.vncPort(domain) : null);
  }

  /** Paths come from the network: anything outside the storage root is refused. */
  private Path requireUnderStorage(Path path, String field) {
    Path p = path.toAbsolutePath().normalize();
    if (!p.startsWith(storageRoot) || p.equals(storageRoot)) {
      throw new CommandFailedException("INVALID_COMMAND", field + " " + path + " is not under the storage root " + storageRoot);
    }
    return p;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new CommandFailedException("DELETE_FAILED", "cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  private static SerialLogReply tail(Path log, int maxBytes) {
    if (!Files.exists(log)) {
      return new SerialLogReply("", 0);
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long total = f.length();
      int n = (int) Math.min(total, Math.max(0, maxBytes));
      byte[] buf = new byte[n];
      f.seek(total - n);
      f.readFully(buf);
      return new SerialLogReply(new String(buf, StandardCharsets.UTF_8), total);
    } catch (IOException e) {
      throw new CommandFailedException("IO_ERROR", "cannot read " + log + ": " + e.getMessage(), e);
    }
  }
}
