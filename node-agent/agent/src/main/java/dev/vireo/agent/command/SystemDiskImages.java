package dev.vireo.agent.command;

import dev.vireo.agent.protocol.AdoptVolumeCommand;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.DiskReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.EjectCdromCommand;
import dev.vireo.agent.protocol.ExportSystemDiskCommand;
import dev.vireo.agent.protocol.ReinstallSystemDiskCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM's system disk as an image source and target (ADR 0029): exported as a standalone image,
 * replaced by a new overlay (reinstall), adopted from a data volume (boot from a disk), and the
 * installation ISO ejected. Every file operation writes a temporary file and renames it, so a
 * failure leaves what was there.
 */
final class SystemDiskImages {
  private static final Logger LOG = LoggerFactory.getLogger(SystemDiskImages.class);
  private static final Pattern IMAGE_FILE = Pattern.compile("img-[0-9a-f]{6,32}\\.qcow2");

  private final Hypervisor hypervisor;
  private final DiskTool disks;
  private final Path storageRoot;

  SystemDiskImages(Hypervisor hypervisor, DiskTool disks, Path storageRoot) {
    this.hypervisor = hypervisor;
    this.disks = disks;
    this.storageRoot = storageRoot;
  }

  /** Flattened copy of a stopped VM's system disk into {@code <storage root>/images/img-….qcow2}. */
  AgentReply export(ExportSystemDiskCommand c) {
    Path disk = VmPaths.systemDisk(storageRoot, c.systemDiskPath(), "systemDiskPath");
    Path image = imagePath(c.imagePath());
    if (Files.isRegularFile(image)) {
      return reply(image); // resent after the rename
    }
    requireNotRunning(c.domainName(), "export its system disk");
    if (!Files.isRegularFile(disk)) {
      throw new CommandFailedException("DISK_NOT_FOUND", "system disk " + disk + " does not exist on this node");
    }
    Path part = image.resolveSibling(image.getFileName() + ".part");
    try {
      Files.createDirectories(image.getParent());
      Files.deleteIfExists(part);
      disks.copyVolume(disk, part); // reads through the backing image: no backing file, no snapshots
      Files.move(part, image, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      VolumeCopy.deleteQuietly(part);
      throw new CommandFailedException("EXPORT_FAILED", "copy of " + disk + " to " + image + " failed: "
          + e.getMessage(), e);
    }
    LOG.info("exported system disk {} as image {}", disk, image);
    return reply(image);
  }

  /** A new overlay on the image replaces the system disk of a domain that is not running. */
  AgentReply reinstall(ReinstallSystemDiskCommand c) {
    Path disk = VmPaths.systemDisk(storageRoot, c.systemDiskPath(), "systemDiskPath");
    Path image = existingImage(c.imagePath());
    // A resend (server restart) makes a fresh overlay again: the VM has not started on the new one yet.
    requireNotRunning(c.domainName(), "reinstall its system disk");
    Path next = fresh(disk);
    try {
      Files.createDirectories(disk.getParent());
      Files.deleteIfExists(next);
      disks.createOverlay(image, next, Math.max(c.sizeGiB() << 30, disks.info(image).virtualSize()));
      Files.move(next, disk, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      VolumeCopy.deleteQuietly(next);
      throw new CommandFailedException("REINSTALL_FAILED", "new system disk on " + image + " failed, " + disk
          + " is kept: " + e.getMessage(), e);
    }
    LOG.info("reinstalled system disk {} from image {}", disk, image);
    return reply(disk);
  }

  /** A data volume becomes a system disk (or back): a rename on the same storage, grown when smaller. */
  AgentReply adopt(AdoptVolumeCommand c) {
    Path source = Path.of(String.valueOf(c.sourcePath())).normalize();
    Path target = Path.of(String.valueOf(c.targetPath())).normalize();
    boolean toSystemDisk = VmPaths.SYSTEM_DISK.equals(String.valueOf(target.getFileName()));
    Path disk = VmPaths.systemDisk(storageRoot, (toSystemDisk ? target : source).toString(),
        toSystemDisk ? "targetPath" : "sourcePath");
    Path volume = toSystemDisk ? source : target;
    Path storage = disk.getNameCount() < 4 ? null : disk.getParent().getParent().getParent();
    if (volume.getParent() == null || !DataDiskCommands.DISKS_DIR.equals(String.valueOf(volume.getParent()
        .getFileName())) || storage == null || !storage.equals(volume.getParent().getParent())) {
      throw new CommandFailedException("INVALID_COMMAND", "a volume moves between <storage>/disks/<diskId>.qcow2 and"
          + " <storage>/vms/<vmId>/system.qcow2 of the same storage, got " + source + " and " + target);
    }
    if (!Files.exists(source)) {
      if (Files.isRegularFile(target)) {
        return reply(target);
      }
      throw new CommandFailedException("VOLUME_NOT_FOUND", "neither " + source + " nor " + target + " exists");
    }
    try {
      Files.createDirectories(target.getParent());
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CommandFailedException("ADOPT_FAILED", "cannot move " + source + " to " + target + ": "
          + e.getMessage(), e);
    }
    if (disks.info(target).virtualSize() < c.sizeBytes()) {
      disks.growVolume(target, c.sizeBytes());
    }
    LOG.info("moved volume {} to {}", source, target);
    return reply(target);
  }

  AgentReply eject(EjectCdromCommand c) {
    DomainPowerState s = hypervisor.state(c.domainName());
    if (s != DomainPowerState.ABSENT) {
      hypervisor.ejectCdrom(c.domainName(), running(s));
    }
    return new DoneReply();
  }

  private void requireNotRunning(String domain, String what) {
    DomainPowerState s = domain == null ? DomainPowerState.ABSENT : hypervisor.state(domain);
    if (running(s)) {
      throw new CommandFailedException("VM_RUNNING", "domain " + domain + " is " + s + "; stop it to " + what);
    }
  }

  private static boolean running(DomainPowerState s) {
    return s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED || s == DomainPowerState.BLOCKED;
  }

  private static Path fresh(Path disk) {
    return disk.resolveSibling(disk.getFileName() + ".reinstall");
  }

  private Path imagePath(String path) {
    Path p = VmPaths.underRoot(storageRoot, path, "imagePath");
    if (!storageRoot.resolve("images").equals(p.getParent()) || !IMAGE_FILE.matcher(p.getFileName().toString())
        .matches()) {
      throw new CommandFailedException("INVALID_COMMAND", "imagePath must be " + storageRoot.resolve("images")
          + "/img-<id>.qcow2, got " + path);
    }
    return p;
  }

  private static Path existingImage(String path) {
    if (path == null || !Path.of(path).isAbsolute()) {
      throw new CommandFailedException("INVALID_COMMAND", "imagePath must be an absolute path, got " + path);
    }
    Path image = Path.of(path).normalize();
    if (!Files.isRegularFile(image)) {
      throw new CommandFailedException("IMAGE_NOT_FOUND", "image file " + image + " does not exist on this node");
    }
    return image;
  }

  private DiskReply reply(Path disk) {
    return new DiskReply(disk.toString(), disks.info(disk).virtualSize());
  }
}
