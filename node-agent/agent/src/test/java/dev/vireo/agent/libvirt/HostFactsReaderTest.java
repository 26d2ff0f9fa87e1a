package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsReaderTest {
  @Test
  void readsTotalMemoryFromMeminfoInBytes(@TempDir Path dir) throws Exception {
    Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24684084 kB\nMemFree:  1 kB\n");
    assertEquals(Optional.of(24684084L * 1024), HostFactsReader.memTotalBytes(meminfo));
  }

  @Test
  void anUnreadableMeminfoGivesNothing(@TempDir Path dir) {
    assertTrue(HostFactsReader.memTotalBytes(dir.resolve("absent")).isEmpty());
  }

  @Test
  void reportsTheLargerOfLibvirtsAndTheKernelsMemory() {
    long tiny = 1L << 20;
    assertTrue(HostFactsReader.read("h", "x86_64", "m", 2, 1, 2, 1, tiny, "qemu", "9", "7").memoryBytes() > tiny,
        "this machine has more than 1 MiB");
  }
}
