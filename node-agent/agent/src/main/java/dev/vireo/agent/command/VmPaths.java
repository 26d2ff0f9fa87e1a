package dev.vireo.agent.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Paths of a VM's files as the server sends them: under the storage root (the default storage
 * cluster, ADR 0004), or a system disk moved to another storage cluster of the compute cluster,
 * {@code <storage path>/vms/<vmId>/system.qcow2} (ADR 0028). Anything else is refused, since the
 * paths come from the network.
 */
final class VmPaths {
  static final String SYSTEM_DISK = "system.qcow2";
  private static final Pattern VM_ID = Pattern.compile("vm-[0-9a-f]{6,32}");

  private VmPaths() {}

  /** A file or directory of the VM under the storage root. */
  static Path underRoot(Path storageRoot, String path, String field) {
    Path p = absolute(path, field);
    if (!p.startsWith(storageRoot) || p.equals(storageRoot)) {
      throw new CommandFailedException("INVALID_COMMAND", field + " " + path + " is not under the storage root "
          + storageRoot);
    }
    return p;
  }

  /** A system disk: under the storage root, or {@code <storage>/vms/<vmId>/system.qcow2} of a mounted storage. */
  static Path systemDisk(Path storageRoot, String path, String field) {
    Path p = absolute(path, field);
    if (p.startsWith(storageRoot) && !p.equals(storageRoot)) {
      return p;
    }
    if (!SYSTEM_DISK.equals(String.valueOf(p.getFileName())) || p.getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", field + " " + path + " is neither under the storage root "
          + storageRoot + " nor <storage>/vms/<vmId>/" + SYSTEM_DISK);
    }
    vmDirectory(storageRoot, p.getParent().toString(), field);
    return p;
  }

  /** A VM's directory: under the storage root, or {@code <storage>/vms/<vmId>} of a mounted storage. */
  static Path vmDirectory(Path storageRoot, String path, String field) {
    Path p = absolute(path, field);
    if (p.startsWith(storageRoot) && !p.equals(storageRoot)) {
      return p;
    }
    Path vms = p.getParent();
    if (!VM_ID.matcher(String.valueOf(p.getFileName())).matches() || vms == null
        || !"vms".equals(String.valueOf(vms.getFileName())) || vms.getParent() == null
        || vms.getParent().getParent() == null) {
      throw new CommandFailedException("INVALID_COMMAND", field + " " + path + " is neither under the storage root "
          + storageRoot + " nor <storage>/vms/<vmId>");
    }
    if (!Files.isDirectory(vms.getParent())) {
      throw new CommandFailedException("STORAGE_UNAVAILABLE", "storage directory " + vms.getParent()
          + " is not mounted on this node (no such directory)");
    }
    return p;
  }

  /** The VM id a system disk path names ({@code .../vms/<vmId>/system.qcow2}), or null. */
  static String vmIdOf(Path systemDisk) {
    Path dir = systemDisk.getParent();
    return dir == null ? null : String.valueOf(dir.getFileName());
  }

  private static Path absolute(String path, String field) {
    if (path == null || path.isBlank() || !Path.of(path).isAbsolute()) {
      throw new CommandFailedException("INVALID_COMMAND", field + " must be an absolute path, got " + path);
    }
    return Path.of(path).normalize();
  }
}
