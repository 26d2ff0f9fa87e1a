package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.GuestSeed.SeedNic;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoCloudSeedTest {
  static final String HASH = "$6$saltsalt$" + "a".repeat(43) + "B/" + "c.".repeat(20) + "d";

  static GuestSeed seed() {
    return new GuestSeed("vm-42", "web-01",
        List.of(new SeedNic("52:54:00:AB:CD:EF", List.of("10.0.0.5/24", "fd00::5/64"), "10.0.0.1", "fd00::1",
                List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"), new SeedRoute("172.16.0.0/12", "10.0.0.1"))),
            new SeedNic("52:54:00:00:00:02", List.of("10.1.0.5/16"), null, null, List.of())),
        List.of("114.114.114.114", "8.8.8.8"), HASH);
  }

  @Test
  void goldenMetaData() {
    assertEquals("instance-id: \"vm-42\"\nlocal-hostname: \"web-01\"\n", NoCloudSeed.metaData(seed()));
  }

  @Test
  void goldenNetworkConfig() {
    assertEquals("""
        version: 2
        ethernets:
          nic0:
            match:
              macaddress: "52:54:00:ab:cd:ef"
            addresses:
              - "10.0.0.5/24"
              - "fd00::5/64"
            gateway4: "10.0.0.1"
            gateway6: "fd00::1"
            nameservers:
              addresses: ["114.114.114.114", "8.8.8.8"]
            routes:
              - to: "192.168.50.0/24"
                via: "10.0.0.254"
              - to: "172.16.0.0/12"
                via: "10.0.0.1"
          nic1:
            match:
              macaddress: "52:54:00:00:00:02"
            addresses:
              - "10.1.0.5/16"
            nameservers:
              addresses: ["114.114.114.114", "8.8.8.8"]
        """, NoCloudSeed.networkConfig(seed()));
  }

  @Test
  void goldenUserData() {
    assertEquals("#cloud-config\nchpasswd:\n  expire: false\n  users:\n    - name: root\n      password: \"" + HASH
        + "\"\n      type: hash\n", NoCloudSeed.userData(seed()));
    GuestSeed noPassword = new GuestSeed("vm-42", "web-01", List.of(), List.of(), null);
    assertEquals("#cloud-config\n", NoCloudSeed.userData(noPassword));
    assertEquals("version: 2\nethernets: {}\n", NoCloudSeed.networkConfig(noPassword));
  }

  @Test
  void valuesAreQuotedAndInjectionRefused() {
    assertEquals("instance-id: \"a\\\"b\\\\c\"\nlocal-hostname: \"h: x\"\n",
        NoCloudSeed.metaData(new GuestSeed("a\"b\\c", "h: x", List.of(), List.of(), null)));
    for (GuestSeed bad : List.of(
        new GuestSeed("i", "web\nroot: x", List.of(), List.of(), null),
        new GuestSeed("i", "h", List.of(), List.of(), "plaintext"),
        new GuestSeed("i", "h", List.of(), List.of("8.8.8.8\"]\nx"), null),
        new GuestSeed("i", "h", List.of(new SeedNic("52:54:00:00:00:0g", List.of(), null, null, null)), null, null),
        new GuestSeed("i", "h", List.of(new SeedNic("52:54:00:00:00:01", List.of("10.0.0.5"), null, null, null)), null, null),
        new GuestSeed("i", "h", List.of(new SeedNic("52:54:00:00:00:01", List.of("10.0.0.5/33"), null, null, null)), null, null),
        new GuestSeed("i", "h", List.of(new SeedNic("52:54:00:00:00:01", List.of(), "fd00::1", null, null)), null, null),
        new GuestSeed("i", "h", List.of(new SeedNic("52:54:00:00:00:01", List.of(), null, null,
            List.of(new SeedRoute("0.0.0.0/0", "gw\nx")))), null, null))) {
      CommandFailedException e = assertThrows(CommandFailedException.class, () -> {
        NoCloudSeed.metaData(bad);
        NoCloudSeed.networkConfig(bad);
        NoCloudSeed.userData(bad);
      }, bad.toString());
      assertEquals("INVALID_COMMAND", e.code());
    }
  }

  @TempDir
  Path dir;

  @Test
  void writesAVfatImageLabelledCidataWithTheThreeFiles() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/mcopy")), "mtools installed");
    Path img = dir.resolve("seed.img");
    Files.writeString(img, "an old seed");
    NoCloudSeed.ofThisHost().write(seed(), img);
    assertEquals(1 << 20, Files.size(img));
    assertEquals(NoCloudSeed.networkConfig(seed()), mtype(img, "network-config"));
    assertEquals(NoCloudSeed.metaData(seed()), mtype(img, "meta-data"));
    assertEquals(NoCloudSeed.userData(seed()), mtype(img, "user-data"));
    String label = run(List.of("mlabel", "-s", "-i", img.toString(), "::"));
    assertEquals(true, label.toLowerCase().contains("cidata"), label);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(img), files.toList(), "no temporary files left");
    }
  }

  private static String mtype(Path img, String name) throws Exception {
    return run(List.of("mtype", "-i", img.toString(), "::" + name));
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
