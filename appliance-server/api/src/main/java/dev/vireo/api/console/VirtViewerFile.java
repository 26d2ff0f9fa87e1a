package dev.vireo.api.console;

import dev.vireo.api.model.ConsoleProtocol;
import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.api.model.SpiceConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A virt-viewer connection file ({@code .vv}) for a SPICE ticket (ADR 0031), what oVirt and Proxmox
 * hand to {@code remote-viewer}: the SPICE proxy, the ticket's host name and password, and the
 * server's certificate and subject so the viewer checks whom it talks to. The file holds a
 * password: it is written readable by its owner only, and asks the viewer to delete it once read.
 */
public final class VirtViewerFile {
  private VirtViewerFile() {}

  /** The file's text; {@code title} names the window (the VM's name, say). */
  public static String text(ConsoleTicket ticket, String title) {
    if (ticket.protocol() != ConsoleProtocol.SPICE || ticket.spice() == null) {
      throw new IllegalArgumentException("a .vv file is for a SPICE ticket (got " + ticket.protocol() + ")");
    }
    SpiceConnection s = ticket.spice();
    return "[virt-viewer]\n"
        + "type=spice\n"
        + "host=" + s.host() + "\n"
        + "tls-port=" + s.tlsPort() + "\n"
        + "password=" + ticket.password() + "\n"
        + "proxy=" + s.proxy() + "\n"
        + "ca=" + escape(s.ca()) + "\n"
        + "host-subject=" + s.hostSubject() + "\n"
        + "secure-channels=all\n"
        + "title=" + escape(title == null ? ticket.vmId() : title) + " - Vireo\n"
        + "delete-this-file=1\n"
        + "toggle-fullscreen=shift+f11\n"
        + "release-cursor=shift+f12\n"
        + "secure-attention=ctrl+alt+end\n";
  }

  /** Writes the file (owner-only, replacing an old one) and returns its path. */
  public static Path write(Path file, ConsoleTicket ticket, String title) throws IOException {
    String text = text(ticket, title);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".vireo-", ".vv.tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** GKeyFile string escapes: backslash, and line breaks as {@code \n}. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\r", "").replace("\n", "\\n");
  }
}
