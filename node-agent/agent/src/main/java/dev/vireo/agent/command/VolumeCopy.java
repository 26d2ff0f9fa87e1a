package dev.vireo.agent.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy half of a storage migration (ADR 0026, 0028), shared by data and system disks: live by
 * libvirt block copy and pivot, or offline by {@code qemu-img convert} into {@code .part}, renamed.
 * Either way a failure deletes the partial target and keeps the source.
 */
final class VolumeCopy {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeCopy.class);

  private VolumeCopy() {}

  /** The running domain's disk at {@code target} moves from {@code source} to {@code volume}. */
  static void live(Hypervisor hypervisor, String domain, String target, Path source, Path volume) {
    deleteQuietly(volume);
    try {
      Files.createDirectories(volume.getParent());
      hypervisor.blockCopy(domain, target, volume.toString());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(volume);
      throw new CommandFailedException("MIGRATE_FAILED", "live copy of " + source + " to " + volume
          + " failed, the guest keeps " + source + ": " + e.getMessage(), e);
    }
  }

  /** No domain has the source open: a full (flattened) copy, complete once renamed. */
  static void offline(DiskTool disks, Path source, Path volume) {
    Path part = volume.resolveSibling(volume.getFileName() + ".part");
    try {
      Files.createDirectories(volume.getParent());
      Files.deleteIfExists(part);
      Files.deleteIfExists(volume);
      disks.copyVolume(source, part);
      Files.move(part, volume, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(part);
      deleteQuietly(volume);
      throw new CommandFailedException("MIGRATE_FAILED", "copy of " + source + " to " + volume + " failed, "
          + source + " is kept: " + e.getMessage(), e);
    }
  }

  /** The source goes last, once nothing names it. */
  static void deleteSource(Path source, Path volume) {
    try {
      if (Files.deleteIfExists(source)) {
        LOG.info("migrated {} to {}; source deleted", source, volume);
      }
    } catch (IOException e) {
      throw new CommandFailedException("DELETE_FAILED", "migrated to " + volume + " but cannot delete " + source
          + ": " + e.getMessage(), e);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", p, e.getMessage());
    }
  }
}
