package dev.vireo.agent.command;

import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.VolumeFromSnapshotCommand;
import dev.vireo.agent.protocol.VolumeSnapshotCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk snapshots as qcow2 internal snapshots (ADR 0025): kept inside the volume, so deleting one
 * only drops its cluster references and never touches another snapshot, a backing file or a shared
 * base image. Offline through qemu-img; online (the volume open by a running domain) through
 * QEMU's block layer; a revert only offline.
 */
final class VolumeSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeSnapshots.class);
  private static final Pattern SNAPSHOT = Pattern.compile("snap-[0-9a-f]{6,32}");

  private final Hypervisor hypervisor;
  private final DiskTool disks;
  private final DataDiskCommands volumes;
  private final Path storageRoot;
  private static final Pattern VM = Pattern.compile("vm-[0-9a-f]{6,32}");

  VolumeSnapshots(Hypervisor hypervisor, DiskTool disks, DataDiskCommands volumes, Path storageRoot) {
    this.hypervisor = hypervisor;
    this.disks = disks;
    this.volumes = volumes;
    this.storageRoot = storageRoot.toAbsolutePath().normalize();
  }

  /**
   * A VM's system disk ({@code diskId} is the VM id): only its overlay {@code <storage>/vms/<id>/system.qcow2},
   * under the storage root or, after a system disk migration, on another storage cluster (ADR 0028).
   */
  private static boolean system(String diskId) {
    return diskId != null && VM.matcher(diskId).matches();
  }

  private Path systemDisk(String vmId, String path) {
    Path p = VmPaths.systemDisk(storageRoot, path, "path");
    Path expected = p.getParent() == null || p.getParent().getParent() == null ? null
        : p.getParent().getParent().resolve(vmId).resolve(VmPaths.SYSTEM_DISK);
    if (!p.equals(expected) || !"vms".equals(String.valueOf(p.getParent().getParent().getFileName()))) {
      throw new CommandFailedException("INVALID_COMMAND", "system disk path must be <storage>/vms/" + vmId + "/"
          + VmPaths.SYSTEM_DISK + ", got " + path);
    }
    return p;
  }

  AgentReply apply(VolumeSnapshotCommand c) {
    boolean system = system(c.diskId());
    Path volume = system ? systemDisk(c.diskId(), c.path()) : null;
    Path storage = system ? volume.getParent().getParent().getParent() : DataDiskCommands.storageDir(c.storagePath());
    volume = system ? volume : DataDiskCommands.volume(storage, c.diskId(), c.path());
    String name = snapshotName(c.snapshot());
    if (c.action() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "action is required (CREATE, DELETE or REVERT)");
    }
    if (!Files.exists(volume)) {
      throw new CommandFailedException("VOLUME_NOT_FOUND", volume + " does not exist on this node");
    }
    boolean exists = disks.snapshots(volume).contains(name);
    boolean live = system ? running(c.diskId()) : openByRunningDomain(c.domainName(), volume);
    switch (c.action()) {
      case CREATE -> {
        if (!exists) {
          if (live) {
            hypervisor.liveInternalSnapshot(c.domainName(), volume.toString(), name, true);
          } else {
            disks.createSnapshot(volume, name);
          }
          LOG.info("snapshot {} of {} created ({})", name, volume, live ? "online" : "offline");
        }
      }
      case DELETE -> {
        if (exists) {
          if (live) {
            hypervisor.liveInternalSnapshot(c.domainName(), volume.toString(), name, false);
          } else {
            disks.deleteSnapshot(volume, name);
          }
          LOG.info("snapshot {} of {} deleted ({})", name, volume, live ? "online" : "offline");
        }
      }
      case REVERT -> {
        if (live) {
          throw new CommandFailedException("VOLUME_IN_USE", volume + " is open by running domain " + c.domainName()
              + "; a disk is rolled back only when detached or its VM stopped");
        }
        if (!exists) {
          throw new CommandFailedException("SNAPSHOT_NOT_FOUND", volume + " has no snapshot " + name);
        }
        disks.revertSnapshot(volume, name);
        LOG.info("{} rolled back to snapshot {}", volume, name);
      }
      default -> throw new CommandFailedException("INVALID_COMMAND", "unknown action " + c.action());
    }
    return volumes.volumeReply(storage, volume);
  }

  /** Copies into {@code <id>.qcow2.part} and renames: a target that exists is a complete copy. */
  AgentReply copy(VolumeFromSnapshotCommand c) {
    Path storage = DataDiskCommands.storageDir(c.storagePath());
    Path volume = DataDiskCommands.volume(storage, c.diskId(), c.path());
    Path sourceFile = Path.of(c.sourcePath() == null ? "" : c.sourcePath());
    if (!sourceFile.isAbsolute() || sourceFile.getParent() == null || sourceFile.getParent().getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "sourcePath " + c.sourcePath() + " is not a volume path");
    }
    Path source = system(c.sourceDiskId()) ? systemDisk(c.sourceDiskId(), c.sourcePath())
        : DataDiskCommands.volume(sourceFile.getParent().getParent(), c.sourceDiskId(), c.sourcePath());
    String name = snapshotName(c.snapshot());
    if (!Files.exists(volume)) {
      if (!Files.exists(source)) {
        throw new CommandFailedException("VOLUME_NOT_FOUND", source + " does not exist on this node");
      }
      if (!disks.snapshots(source).contains(name)) {
        throw new CommandFailedException("SNAPSHOT_NOT_FOUND", source + " has no snapshot " + name);
      }
      Path part = volume.resolveSibling(volume.getFileName() + ".part");
      try {
        Files.createDirectories(volume.getParent());
        Files.deleteIfExists(part);
        disks.copySnapshot(source, name, part);
        Files.move(part, volume, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new CommandFailedException("VOLUME_FAILED", "cannot copy snapshot " + name + " of " + source + " to "
            + volume + ": " + e.getMessage(), e);
      }
      LOG.info("new volume {} from snapshot {} of {}", volume, name, source);
    }
    return volumes.volumeReply(storage, volume);
  }

  private boolean running(String domain) {
    DomainPowerState s = hypervisor.state(domain);
    return s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED || s == DomainPowerState.BLOCKED;
  }

  private boolean openByRunningDomain(String domain, Path volume) {
    if (domain == null || domain.isBlank()) {
      return false;
    }
    DomainPowerState s = hypervisor.state(domain);
    if (s != DomainPowerState.RUNNING && s != DomainPowerState.PAUSED && s != DomainPowerState.BLOCKED) {
      return false;
    }
    return hypervisor.dataDisks(domain, true).containsValue(volume.toString());
  }

  private static String snapshotName(String name) {
    if (name == null || !SNAPSHOT.matcher(name).matches()) {
      throw new CommandFailedException("INVALID_COMMAND", "snapshot must look like snap-3f9a1c2b7d10, got " + name);
    }
    return name;
  }
}
