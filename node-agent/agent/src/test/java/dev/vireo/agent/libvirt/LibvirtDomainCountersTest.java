package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.command.Hypervisor.DomainCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LibvirtHypervisor#domainCounters} against the real qemu:///system: a throwaway transient
 * domain (64 MiB, TCG, a 1 MiB raw disk the BIOS reads, one tap) is created, read and destroyed.
 * Needs virsh and a reachable, writable qemu:///system (QEMU running as root); skipped otherwise.
 */
class LibvirtDomainCountersTest {
  static final String URI = "qemu:///system";

  @Test
  void aRunningDomainHasSaneCounters(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/virsh")), "assumes /usr/bin/virsh (libvirt client) is installed");
    long pid = ProcessHandle.current().pid();
    String name = "vireo-counters-test-" + pid;
    Path disk = dir.resolve("d.raw");
    try (var ch = Files.newByteChannel(disk, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.position((1 << 20) - 1).write(java.nio.ByteBuffer.wrap(new byte[1]));
    }
    Path xml = Files.writeString(dir.resolve("d.xml"), "<domain type='qemu'>\n  <name>" + name + "</name>\n"
        + "  <memory unit='MiB'>64</memory>\n  <vcpu>1</vcpu>\n"
        + "  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  <devices>\n"
        + "    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + disk + "'/>"
        + "<target dev='vda' bus='virtio'/></disk>\n"
        + "    <interface type='ethernet'><target dev='vct" + pid + "' managed='yes'/><model type='virtio'/>"
        + "</interface>\n  </devices>\n</domain>\n");
    int rc = virsh(dir, "create", xml.toString());
    String out = Files.readString(dir.resolve("out"));
    assumeTrue(rc == 0 || !out.contains("Failed to connect"), "assumes a reachable " + URI);
    assertEquals(0, rc, out);
    LibvirtHypervisor hypervisor = null;
    try {
      hypervisor = new LibvirtHypervisor(URI, "auto");
      DomainCounters first = only(hypervisor.domainCounters(name), name);
      assertEquals(1, first.vcpus());
      assertEquals(64L << 20, first.memoryBytes());
      assertTrue(first.cpuTimeNanos() > 0, first.toString());
      assertNotNull(first.rssBytes(), "libvirt reads QEMU's resident set without a guest balloon driver");
      assertTrue(first.rssBytes() > 0, first.toString());
      assertTrue(first.networkReceiveBytes() >= 0 && first.networkTransmitPackets() >= 0, first.toString());

      // the BIOS reads the boot disk: the block statistics of vda must show it
      DomainCounters later = first;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (later.diskReadBytes() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        later = only(hypervisor.domainCounters(name), name);
      }
      assertTrue(later.diskReadBytes() > 0 && later.diskReadOps() > 0, later.toString());
      assertTrue(later.cpuTimeNanos() >= first.cpuTimeNanos(), later + " after " + first);
      assertTrue(hypervisor.domainCounters("vm-").stream().noneMatch(c -> c.domain().equals(name)), "by prefix");
    } finally {
      if (hypervisor != null) {
        hypervisor.close();
      }
      virsh(dir, "destroy", name);
    }
  }

  private static DomainCounters only(List<DomainCounters> counters, String name) {
    assertEquals(1, counters.size(), counters.toString());
    assertEquals(name, counters.get(0).domain());
    return counters.get(0);
  }

  private static int virsh(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("virsh", "-c", URI));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
