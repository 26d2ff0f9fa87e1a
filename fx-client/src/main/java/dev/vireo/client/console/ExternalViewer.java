package dev.vireo.client.console;

import dev.vireo.api.console.VirtViewerFile;
import dev.vireo.api.model.ConsoleTicket;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * "Open in external viewer" (ADR 0031): writes a SPICE ticket as a virt-viewer {@code .vv} file and
 * starts {@code remote-viewer} on it when it is installed, what oVirt and Proxmox do; when it is
 * not, says where the file is and how to install the viewer.
 */
public final class ExternalViewer {
  /** What happened: the file, the viewer's process when one was started, and a sentence for the user. */
  public record Opened(Path file, Optional<Process> viewer, String message) {}

  private final Optional<Path> remoteViewer;
  private final Map<String, String> environment;

  public ExternalViewer(Optional<Path> remoteViewer, Map<String, String> environment) {
    this.remoteViewer = remoteViewer;
    this.environment = Map.copyOf(environment);
  }

  /** {@code remote-viewer} from the {@code PATH}, with this process's environment. */
  public static ExternalViewer fromPath() {
    return new ExternalViewer(find("remote-viewer", System.getenv("PATH")), Map.of());
  }

  /** The first executable {@code name} in the {@code PATH} directories. */
  public static Optional<Path> find(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public boolean installed() {
    return remoteViewer.isPresent();
  }

  /** Writes {@code <dir>/<title>.vv} (owner-only) and opens it in remote-viewer if there is one. */
  public Opened open(ConsoleTicket spiceTicket, String title, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = VirtViewerFile.write(dir.resolve(title.replaceAll("[^A-Za-z0-9._-]", "_") + ".vv"), spiceTicket,
        title);
    if (remoteViewer.isEmpty()) {
      return new Opened(file, Optional.empty(), "remote-viewer is not installed. Install virt-viewer (Debian and Ubuntu:"
          + " apt install virt-viewer; Windows and macOS: virt-viewer from virt-manager.org) and open " + file
          + " with it before the ticket expires at " + spiceTicket.expiresAt() + ".");
    }
    ProcessBuilder pb = new ProcessBuilder(remoteViewer.get().toString(), file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(title.replaceAll("[^A-Za-z0-9._-]", "_")
            + ".remote-viewer.log").toFile());
    pb.environment().putAll(environment);
    Process p = pb.start();
    return new Opened(file, Optional.of(p), "opened in remote-viewer (" + remoteViewer.get() + ")");
  }
}
