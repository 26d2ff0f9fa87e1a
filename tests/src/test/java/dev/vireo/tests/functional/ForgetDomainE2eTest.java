package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.libvirt.LibvirtHypervisor;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.DoneReply;
import dev.vireo.agent.protocol.ForgetDomainCommand;
import dev.vireo.agent.protocol.VmDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ForgetDomain on real libvirt (HA clean-up of a node that comes back): the stale definition is
 * gone, while the NVRAM file and the disk, which belong to the VM's new home, are untouched.
 * Defines a UEFI domain without starting it. {@code -Dvireo.libvirt.uri} picks the libvirt
 * (default {@code qemu:///system}).
 */
@Tag("e2e")
@Timeout(60)
class ForgetDomainE2eTest {
  @TempDir
  Path storage;

  @Test
  void forgettingAStaleDomainUndefinesItAndKeepsItsNvramAndDisk() throws Exception {
    String uri = System.getProperty("vireo.libvirt.uri", "qemu:///system");
    String domain = "vm-agentha-forget-" + UUID.randomUUID().toString().substring(0, 8);
    Path dir = storage.resolve("vms").resolve(domain);
    Path disk = dir.resolve("system.qcow2");
    Path nvram = dir.resolve("nvram.fd");
    Files.createDirectories(dir);
    byte[] diskBytes = "not really a disk".getBytes();
    byte[] nvramBytes = "UEFI variables of the VM".getBytes();
    Files.write(disk, diskBytes);
    Files.write(nvram, nvramBytes);
    VmDefinition vm = new VmDefinition(domain, domain, "forget-me", 1, 128, disk.toString(), "UEFI",
        nvram.toString(), dir.resolve("console.log").toString(), "127.0.0.1", "secret12");

    try (LibvirtHypervisor libvirt = new LibvirtHypervisor(uri, "auto")) {
      CommandExecutor executor = new CommandExecutor(libvirt, new DiskTool(), storage);
      try {
        libvirt.define(vm);
        assertEquals(DomainPowerState.SHUTOFF, libvirt.state(domain));

        assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand(domain)));

        assertEquals(DomainPowerState.ABSENT, libvirt.state(domain));
        assertArrayEquals(nvramBytes, Files.readAllBytes(nvram), "NVRAM kept as it was");
        assertArrayEquals(diskBytes, Files.readAllBytes(disk), "disk kept as it was");
        // a resent command finds nothing to do
        assertInstanceOf(DoneReply.class, executor.execute(new ForgetDomainCommand(domain)));
      } finally {
        libvirt.undefine(domain); // only if the test failed before forgetting; absent is fine
      }
    }
  }
}
