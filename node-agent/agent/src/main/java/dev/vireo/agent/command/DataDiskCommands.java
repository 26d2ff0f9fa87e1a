package dev.vireo.agent.command;

import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.AttachDiskCommand;
import dev.vireo.agent.protocol.CloneVolumeCommand;
import dev.vireo.agent.protocol.CreateVolumeCommand;
import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DeleteVolumeCommand;
import dev.vireo.agent.protocol.DetachDiskCommand;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MigrateVolumeCommand;
import dev.vireo.agent.protocol.ProbeStorageCommand;
import dev.vireo.agent.protocol.ResizeVolumeCommand;
import dev.vireo.agent.protocol.StorageReply;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.agent.protocol.VolumeReply;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage-cluster and data-disk commands (ADR 0021). Volumes live at
 * {@code <storagePath>/disks/<diskId>.qcow2}; any other path is refused, so a command cannot make
 * the agent touch a file outside a storage directory's {@code disks/}.
 */
final class DataDiskCommands {
  private static final Logger LOG = LoggerFactory.getLogger(DataDiskCommands.class);
  static final String DISKS_DIR = "disks";
  private static final Pattern DISK_ID = Pattern.compile("disk-[0-9a-f]{6,32}");

  private final Hypervisor hypervisor;
  private final DiskTool disks;

  DataDiskCommands(Hypervisor hypervisor, DiskTool disks) {
    this.hypervisor = hypervisor;
    this.disks = disks;
  }

  AgentReply probe(ProbeStorageCommand c) {
    Path storage = storageDir(c.storagePath());
    try {
      Files.createDirectories(storage.resolve(DISKS_DIR));
    } catch (IOException e) {
      throw new CommandFailedException("STORAGE_UNAVAILABLE", "cannot create " + storage.resolve(DISKS_DIR)
          + " on this node: " + e.getMessage(), e);
    }
    if (!Files.isWritable(storage.resolve(DISKS_DIR))) {
      throw new CommandFailedException("STORAGE_UNAVAILABLE", storage.resolve(DISKS_DIR) + " is not writable on this node");
    }
    return figures(storage);
  }

  AgentReply create(CreateVolumeCommand c) {
    Path storage = storageDir(c.storagePath());
    Path volume = volume(storage, c.diskId(), c.path());
    if (c.sizeBytes() <= 0) {
      throw new CommandFailedException("INVALID_COMMAND", "sizeBytes must be positive, got " + c.sizeBytes());
    }
    if (Files.exists(volume)) {
      DiskTool.VolumeInfo existing = disks.volumeInfo(volume);
      if (existing.virtualSize() != c.sizeBytes() || existing.backingFile() != null) {
        throw new CommandFailedException("VOLUME_EXISTS", volume + " exists with another size ("
            + existing.virtualSize() + " bytes) or a backing file");
      }
    } else {
      try {
        Files.createDirectories(volume.getParent());
      } catch (IOException e) {
        throw new CommandFailedException("STORAGE_UNAVAILABLE", "cannot create " + volume.getParent(), e);
      }
      disks.createVolume(volume, c.sizeBytes());
      LOG.info("created volume {} ({} bytes)", volume, c.sizeBytes());
    }
    return volumeReply(storage, volume);
  }

  /** Copies into {@code <id>.qcow2.part} and renames: a target that exists is a complete copy. */
  AgentReply clone(CloneVolumeCommand c) {
    Path storage = storageDir(c.storagePath());
    Path volume = volume(storage, c.diskId(), c.path());
    Path sourceFile = Path.of(c.sourcePath() == null ? "" : c.sourcePath());
    if (!sourceFile.isAbsolute() || sourceFile.getParent() == null || sourceFile.getParent().getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "sourcePath " + c.sourcePath() + " is not a volume path");
    }
    Path source = volume(sourceFile.getParent().getParent(), c.sourceDiskId(), c.sourcePath());
    if (!Files.exists(source)) {
      throw new CommandFailedException("VOLUME_NOT_FOUND", source + " does not exist on this node");
    }
    if (!Files.exists(volume)) {
      Path part = volume.resolveSibling(volume.getFileName() + ".part");
      try {
        Files.createDirectories(volume.getParent());
        Files.deleteIfExists(part);
        disks.copyVolume(source, part);
        Files.move(part, volume, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new CommandFailedException("VOLUME_FAILED", "cannot copy " + source + " to " + volume + ": "
            + e.getMessage(), e);
      }
      LOG.info("cloned volume {} to {}", source, volume);
    }
    return volumeReply(storage, volume);
  }

  /**
   * Storage migration of a volume (ADR 0026). Live when the domain runs with the source at the
   * target: block copy and pivot, then the persistent definition is pointed at the copy. Offline
   * otherwise: {@code qemu-img convert} into {@code .part}, renamed, and the definition (if the
   * domain is defined with the disk) pointed at the copy. The source is deleted last, only once
   * nothing names it; any failure before that deletes the partial copy and keeps the source.
   */
  AgentReply migrate(MigrateVolumeCommand c) {
    Path storage = storageDir(c.storagePath());
    Path volume = volume(storage, c.diskId(), c.path());
    Path sourceFile = Path.of(c.sourcePath() == null ? "" : c.sourcePath());
    if (!sourceFile.isAbsolute() || sourceFile.getParent() == null || sourceFile.getParent().getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "sourcePath " + c.sourcePath() + " is not a volume path");
    }
    Path source = volume(sourceFile.getParent().getParent(), c.diskId(), c.sourcePath());
    if (source.equals(volume)) {
      throw new CommandFailedException("INVALID_COMMAND", "source and target are both " + volume);
    }
    DataDiskDefinition from = checked(new DataDiskDefinition(c.diskId(), source.toString(),
        c.target() == null ? "vdc" : c.target()));
    DataDiskDefinition to = new DataDiskDefinition(c.diskId(), volume.toString(), from.target());
    DomainPowerState s = c.domainName() == null || c.domainName().isBlank() ? DomainPowerState.ABSENT
        : hypervisor.state(c.domainName());
    boolean live = c.target() != null && (s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED
        || s == DomainPowerState.BLOCKED);
    String inGuest = live ? hypervisor.dataDisks(c.domainName(), true).get(c.target()) : null;
    if (inGuest != null && !inGuest.equals(source.toString()) && !inGuest.equals(volume.toString())) {
      throw new CommandFailedException("TARGET_MISMATCH", c.domainName() + " has " + inGuest + " at " + c.target()
          + ", not " + source);
    }
    if (live && volume.toString().equals(inGuest)) {
      LOG.info("{} of {} already runs on {}", c.target(), c.domainName(), volume); // resent after the pivot
    } else if (!Files.exists(source)) {
      if (!Files.exists(volume)) {
        throw new CommandFailedException("VOLUME_NOT_FOUND", "neither " + source + " nor " + volume + " exists");
      }
    } else if (live && source.toString().equals(inGuest)) {
      VolumeCopy.live(hypervisor, c.domainName(), c.target(), source, volume);
    } else {
      VolumeCopy.offline(disks, source, volume);
    }
    if (s != DomainPowerState.ABSENT && c.target() != null
        && source.toString().equals(hypervisor.dataDisks(c.domainName(), false).get(c.target()))) {
      hypervisor.detachDisk(c.domainName(), from, false);
      hypervisor.attachDisk(c.domainName(), to, false);
    }
    VolumeCopy.deleteSource(source, volume);
    return volumeReply(storage, volume);
  }

  AgentReply delete(DeleteVolumeCommand c) {
    Path storage = storageDir(c.storagePath());
    Path volume = volume(storage, c.diskId(), c.path());
    try {
      if (Files.deleteIfExists(volume)) {
        LOG.info("deleted volume {}", volume);
      }
    } catch (IOException e) {
      throw new CommandFailedException("DELETE_FAILED", "cannot delete " + volume + ": " + e.getMessage(), e);
    }
    return figures(storage);
  }

  /** Never shrinks: the server refuses it first, the agent again (the guest's file system would break). */
  AgentReply resize(ResizeVolumeCommand c) {
    Path storage = storageDir(c.storagePath());
    Path volume = volume(storage, c.diskId(), c.path());
    if (!Files.exists(volume)) {
      throw new CommandFailedException("VOLUME_NOT_FOUND", volume + " does not exist on this node");
    }
    long current = disks.volumeInfo(volume).virtualSize();
    if (c.sizeBytes() < current) {
      throw new CommandFailedException("SHRINK_REFUSED", "volume " + volume + " is " + current
          + " bytes; shrinking to " + c.sizeBytes() + " is refused");
    }
    if (c.sizeBytes() > current) {
      String target = liveTarget(c.domainName(), volume);
      if (target != null) {
        hypervisor.blockResize(c.domainName(), target, c.sizeBytes());
        LOG.info("grew {} of running {} to {} bytes", target, c.domainName(), c.sizeBytes());
      } else {
        disks.growVolume(volume, c.sizeBytes());
        LOG.info("grew volume {} to {} bytes (offline)", volume, c.sizeBytes());
      }
    }
    return volumeReply(storage, volume);
  }

  /** The target under which a running domain has the volume open, or null (resize offline). */
  private String liveTarget(String domain, Path volume) {
    if (domain == null || domain.isBlank()) {
      return null;
    }
    DomainPowerState s = hypervisor.state(domain);
    if (s != DomainPowerState.RUNNING && s != DomainPowerState.PAUSED && s != DomainPowerState.BLOCKED) {
      return null;
    }
    for (Map.Entry<String, String> e : hypervisor.dataDisks(domain, true).entrySet()) {
      if (volume.toString().equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  AgentReply attach(AttachDiskCommand c) {
    DataDiskDefinition disk = checked(c.disk());
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s == DomainPowerState.ABSENT) {
      return new VmStateReply(c.domainName(), s, null); // the next define carries the disk
    }
    if (!Files.exists(Path.of(disk.path()))) {
      throw new CommandFailedException("VOLUME_NOT_FOUND", disk.path() + " does not exist on this node");
    }
    boolean live = s != DomainPowerState.SHUTOFF && s != DomainPowerState.CRASHED;
    Map<String, String> config = hypervisor.dataDisks(c.domainName(), false);
    Map<String, String> running = live ? hypervisor.dataDisks(c.domainName(), true) : Map.of();
    requireFreeOrSame(config, disk, c.domainName());
    requireFreeOrSame(running, disk, c.domainName());
    boolean inConfig = config.containsKey(disk.target());
    boolean inGuest = running.containsKey(disk.target());
    if (live && !inGuest) {
      if (inConfig) { // half done before a crash: drop the config entry, attach both at once
        hypervisor.detachDisk(c.domainName(), disk, false);
      }
      hypervisor.attachDisk(c.domainName(), disk, true);
    } else if (!inConfig) {
      hypervisor.attachDisk(c.domainName(), disk, false);
    }
    return new VmStateReply(c.domainName(), hypervisor.state(c.domainName()), null);
  }

  AgentReply detach(DetachDiskCommand c) {
    DataDiskDefinition disk = checked(c.disk());
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s == DomainPowerState.ABSENT) {
      return new VmStateReply(c.domainName(), s, null);
    }
    boolean live = s != DomainPowerState.SHUTOFF && s != DomainPowerState.CRASHED;
    for (Map<String, String> where : live ? java.util.List.of(hypervisor.dataDisks(c.domainName(), false),
        hypervisor.dataDisks(c.domainName(), true)) : java.util.List.of(hypervisor.dataDisks(c.domainName(), false))) {
      String there = where.get(disk.target());
      if (there != null && !there.equals(disk.path())) {
        throw new CommandFailedException("TARGET_MISMATCH", c.domainName() + " has " + there + " at "
            + disk.target() + ", not " + disk.path());
      }
    }
    hypervisor.detachDisk(c.domainName(), disk, live);
    return new VmStateReply(c.domainName(), hypervisor.state(c.domainName()), null);
  }

  /** The disk's limits, live and persistent (ADR 0025); only a disk the domain has at that target. */
  AgentReply setQos(dev.vireo.agent.protocol.SetDiskQosCommand c) {
    DataDiskDefinition disk = checked(c.disk());
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s == DomainPowerState.ABSENT) {
      return new VmStateReply(c.domainName(), s, null); // the next define carries the limits
    }
    boolean live = s != DomainPowerState.SHUTOFF && s != DomainPowerState.CRASHED;
    String there = hypervisor.dataDisks(c.domainName(), false).get(disk.target());
    if (there != null && !there.equals(disk.path())) {
      throw new CommandFailedException("TARGET_MISMATCH", c.domainName() + " has " + there + " at " + disk.target()
          + ", not " + disk.path());
    }
    hypervisor.setBlockIoTune(c.domainName(), disk.target(), disk.qos(), live);
    return new VmStateReply(c.domainName(), hypervisor.state(c.domainName()), null);
  }

  private static void requireFreeOrSame(Map<String, String> disks, DataDiskDefinition disk, String domain) {
    String there = disks.get(disk.target());
    if (there != null && !there.equals(disk.path())) {
      throw new CommandFailedException("TARGET_IN_USE", domain + " already has " + there + " at " + disk.target());
    }
    for (Map.Entry<String, String> e : disks.entrySet()) {
      if (e.getValue().equals(disk.path()) && !e.getKey().equals(disk.target())) {
        throw new CommandFailedException("TARGET_MISMATCH", domain + " has " + disk.path() + " at " + e.getKey()
            + ", not " + disk.target());
      }
    }
  }

  /** A data disk in a definition or attach command: its path must be a volume path. */
  static DataDiskDefinition checked(DataDiskDefinition d) {
    if (d == null || d.path() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "a data disk needs a diskId, path and target");
    }
    Path p = Path.of(d.path());
    if (!p.isAbsolute() || !p.normalize().equals(p) || p.getParent() == null
        || !DISKS_DIR.equals(p.getParent().getFileName().toString())) {
      throw new CommandFailedException("INVALID_COMMAND", "data disk path " + d.path()
          + " is not <storage>/disks/<diskId>.qcow2");
    }
    volume(p.getParent().getParent(), d.diskId(), d.path());
    if (d.target() == null || !d.target().matches("vd[c-z]|vd[a-z][a-z]")) {
      throw new CommandFailedException("INVALID_COMMAND", "data disk target must be vdc.., got " + d.target());
    }
    return d;
  }

  static Path storageDir(String storagePath) {
    if (storagePath == null || storagePath.isBlank()) {
      throw new CommandFailedException("INVALID_COMMAND", "storagePath is required");
    }
    Path p = Path.of(storagePath);
    if (!p.isAbsolute() || !p.normalize().equals(p) || p.getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", "storagePath " + storagePath
          + " must be an absolute, normalised directory other than /");
    }
    if (!Files.isDirectory(p)) {
      throw new CommandFailedException("STORAGE_UNAVAILABLE", "storage directory " + p
          + " is not mounted on this node (no such directory)");
    }
    return p;
  }

  static Path volume(Path storage, String diskId, String path) {
    if (diskId == null || !DISK_ID.matcher(diskId).matches()) {
      throw new CommandFailedException("INVALID_COMMAND", "diskId must look like disk-3f9a1c2b7d10, got " + diskId);
    }
    Path expected = storage.resolve(DISKS_DIR).resolve(diskId + ".qcow2");
    if (path == null || !Path.of(path).equals(expected)) {
      throw new CommandFailedException("INVALID_COMMAND", "volume path must be " + expected + ", got " + path);
    }
    return expected;
  }

  VolumeReply volumeReply(Path storage, Path volume) {
    DiskTool.VolumeInfo info = disks.volumeInfo(volume);
    return new VolumeReply(volume.toString(), info.virtualSize(), info.actualSize(), figures(storage));
  }

  static StorageReply figures(Path storage) {
    try {
      FileStore fs = Files.getFileStore(storage);
      long total = fs.getTotalSpace();
      return new StorageReply(storage.toString(), total, total - fs.getUnallocatedSpace());
    } catch (IOException e) {
      throw new CommandFailedException("STORAGE_UNAVAILABLE", "cannot stat " + storage + ": " + e.getMessage(), e);
    }
  }
}
