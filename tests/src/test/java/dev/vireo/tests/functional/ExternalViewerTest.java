package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.ConsoleProtocol;
import dev.vireo.api.model.ConsoleTicket;
import dev.vireo.api.model.SpiceConnection;
import dev.vireo.client.console.ExternalViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop client's "External viewer" (ADR 0031) without a server: the .vv file is owner-only,
 * a missing remote-viewer gets an explanation naming the file and the package, and an installed one
 * (here a script standing in for it) is started on the file with the given environment. The real
 * remote-viewer through the real proxy is in SpiceConsoleE2eTest.
 */
class ExternalViewerTest {
  private static final ConsoleTicket TICKET = new ConsoleTicket("ct-1", "vm-1", ConsoleProtocol.SPICE, "127.0.0.1",
      8445, "0a1b", "Pw3xYz9QPw3xYz9Q", Instant.parse("2026-12-07T10:05:00Z"), new SpiceConnection(
          "http://127.0.0.1:8445", "0a1b.vm-1", 8445, "CN=vm,O=Vireo appliance",
          "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));

  @Test
  void withoutRemoteViewerItExplainsHowToInstallItAndWhereTheFileIs(@TempDir Path dir) throws Exception {
    ExternalViewer.Opened o = new ExternalViewer(Optional.empty(), Map.of()).open(TICKET, "web 1", dir);
    assertEquals(dir.resolve("web_1.vv"), o.file());
    assertTrue(o.viewer().isEmpty());
    assertTrue(o.message().contains("apt install virt-viewer") && o.message().contains(o.file().toString()),
        o.message());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(o.file())));
    assertTrue(Files.readString(o.file()).contains("\nhost=0a1b.vm-1\n"));
  }

  @Test
  void anInstalledViewerIsStartedOnTheFileWithTheEnvironment(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("remote-viewer");
    Files.writeString(script, "#!/bin/sh\necho \"$DISPLAY $1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Optional<Path> found = ExternalViewer.find("remote-viewer", "/nonexistent:" + bin);
    assertEquals(Optional.of(script), found);
    ExternalViewer.Opened o = new ExternalViewer(found, Map.of("DISPLAY", ":42")).open(TICKET, "web", dir);
    assertTrue(o.viewer().orElseThrow().waitFor(10, TimeUnit.SECONDS));
    assertEquals(":42 " + o.file() + "\n", Files.readString(dir.resolve("web.remote-viewer.log")));
    assertTrue(ExternalViewer.find("remote-viewer", "/nonexistent").isEmpty());
  }
}
