package dev.vireo.agent.libvirt;

import dev.vireo.agent.protocol.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Completes libvirt's node info with what only the host's files tell: CPU model name, serial and
 * total memory (libvirt's node info counts NUMA cells, which can miss memory the kernel has).
 */
final class HostFactsReader {
  private HostFactsReader() {}

  static HostFacts read(String hostname, String arch, String libvirtModel, int cpus, int sockets,
      int cores, int threads, long memoryBytes, String domainType, String libvirtVersion,
      String hypervisorVersion) {
    String model = cpuModelName().orElse(libvirtModel);
    long memory = Math.max(memoryBytes, memTotalBytes(Path.of("/proc/meminfo")).orElse(0L));
    return new HostFacts(hostname, arch, model, cpus, sockets, cores, threads, memory,
        serial(), domainType, libvirtVersion, hypervisorVersion);
  }

  private static Optional<String> cpuModelName() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** MemTotal of a /proc/meminfo file, in bytes. */
  static Optional<Long> memTotalBytes(Path meminfo) {
    try {
      return Files.readAllLines(meminfo).stream()
          .filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024L)
          .findFirst();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The board serial when the firmware has one, else the machine id (stable per install). */
  private static String serial() {
    for (String f : new String[] {"/sys/class/dmi/id/product_serial", "/etc/machine-id"}) {
      try {
        String s = Files.readString(Path.of(f)).strip();
        if (!s.isEmpty() && !s.equalsIgnoreCase("none") && !s.startsWith("To be filled")) {
          return s;
        }
      } catch (IOException e) {
        // try the next source
      }
    }
    return "unknown";
  }
}
