package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.ha.Fencer;
import dev.vireo.agent.ha.NodeContact;
import dev.vireo.agent.libvirt.LibvirtHypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmDefinition;
import dev.vireo.tests.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-fencing on real libvirt and QEMU: every running {@code vm-} domain is powered off at once,
 * any other domain is left alone, one started again is powered off on the next check, and the
 * fenced node refuses to start VMs. Fencing destroys <em>every</em> {@code vm-} domain of the
 * libvirt it is given, so it runs only against a libvirt of its own, named by
 * {@code -Dvireo.fencing.libvirt.uri} (never the shared {@code qemu:///system} of other tests).
 */
@Tag("e2e")
@Timeout(120)
class FencingE2eTest {
  private static final NodeContact LOST = new NodeContact(true, 2, 0, Duration.ofSeconds(10), 5);
  private static final NodeContact FINE = new NodeContact(true, 2, 2, Duration.ofSeconds(1), 5);

  @TempDir
  Path storage;

  @Test
  void fencingPowersOffEveryVireoDomainAndOnlyThose() throws Exception {
    String uri = System.getProperty("vireo.fencing.libvirt.uri");
    Assumptions.assumeTrue(uri != null, "needs -Dvireo.fencing.libvirt.uri: a libvirt of its own");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> ours = List.of("vm-agentha-fence-a-" + tag, "vm-agentha-fence-b-" + tag);
    String other = "agentha-other-" + tag;

    try (LibvirtHypervisor libvirt = new LibvirtHypervisor(uri, "auto"); Fencer fencer = new Fencer(libvirt)) {
      Assumptions.assumeTrue(libvirt.domains("vm-").isEmpty(), "the libvirt runs no other vm- domain");
      try {
        for (String name : List.of(ours.get(0), ours.get(1), other)) {
          libvirt.define(definition(name));
          libvirt.start(name);
          assertEquals(DomainPowerState.RUNNING, libvirt.state(name));
        }

        long started = System.nanoTime();
        fencer.check(LOST);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("[measured] fenced 2 running domains on real libvirt in " + millis + " ms");

        assertNotNull(fencer.reportedFencedAt(), "fenced, and every vm- domain is off");
        for (String name : ours) {
          assertEquals(DomainPowerState.SHUTOFF, libvirt.state(name), name);
        }
        assertEquals(DomainPowerState.RUNNING, libvirt.state(other), "not a Vireo domain: left alone");
        assertTrue(millis < 10_000, "fencing took " + millis + " ms");

        libvirt.start(ours.get(0)); // behind the agent's back
        fencer.check(FINE);
        assertEquals(DomainPowerState.SHUTOFF, libvirt.state(ours.get(0)), "powered off again");

        CommandExecutor executor = new CommandExecutor(libvirt, new DiskTool(), storage, fencer);
        CommandFailedException refused = assertThrows(CommandFailedException.class,
            () -> executor.execute(new StartVmCommand(ours.get(1))));
        assertEquals("FENCED", refused.code());
        assertEquals(DomainPowerState.SHUTOFF, libvirt.state(ours.get(1)));
      } finally {
        for (String name : List.of(ours.get(0), ours.get(1), other)) {
          if (libvirt.state(name) != DomainPowerState.ABSENT) {
            libvirt.destroy(name);
            libvirt.undefine(name);
          }
        }
      }
    }
  }

  private VmDefinition definition(String name) throws Exception {
    Path dir = storage.resolve("vms").resolve(name);
    Files.createDirectories(dir);
    Path disk = dir.resolve("system.qcow2");
    Commands.check(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M"), 30);
    // nothing to boot: SeaBIOS waits, which is all a running domain needs to be here
    return new VmDefinition(name, name, name, 1, 128, disk.toString(), "BIOS", null,
        dir.resolve("console.log").toString(), "127.0.0.1", "secret12");
  }
}
