package dev.vireo.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {
  @TempDir
  Path dir;

  @Test
  void everyKeyHasADefaultSoAMissingFileWorks() throws Exception {
    AgentConfig c = AgentConfig.load(dir.resolve("absent.ini"));

    assertEquals("127.0.0.1", c.listen());
    assertEquals(7070, c.port());
    assertEquals("http://127.0.0.1:7070", c.advertiseUrl());
    assertEquals("qemu:///system", c.libvirtUri());
    assertEquals("https://127.0.0.1:8443", c.serverUrl());
    assertEquals("", c.serverFingerprint());
    assertEquals(Path.of("/var/lib/vireo/storage"), c.storageRoot());
    assertEquals(10, c.metricsIntervalSeconds());
    assertEquals(60, c.guestMetricsIntervalSeconds());
  }

  @Test
  void theMetricsIntervalIsOneToThreeThousandSixHundredSeconds() throws Exception {
    Path ini = dir.resolve("agent.ini");
    Files.writeString(ini, "[metrics]\ninterval_seconds = 30\n");
    assertEquals(30, AgentConfig.load(ini).metricsIntervalSeconds());
    Files.writeString(ini, "[metrics]\ninterval_seconds = 3600\n");
    assertEquals(3600, AgentConfig.load(ini).metricsIntervalSeconds());

    for (String bad : new String[] {"0", "3601", "-5", "ten", "1.5"}) {
      Files.writeString(ini, "[metrics]\ninterval_seconds = " + bad + "\n");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentConfig.load(ini), bad);
      assertTrue(e.getMessage().contains("[metrics] interval_seconds") && e.getMessage().contains("'" + bad + "'"),
          e.getMessage());
    }
  }

  @Test
  void theGuestMetricsIntervalIsTenToThreeThousandSixHundredSeconds() throws Exception {
    Path ini = dir.resolve("agent.ini");
    Files.writeString(ini, "[metrics]\nguest_interval_seconds = 10\n");
    assertEquals(10, AgentConfig.load(ini).guestMetricsIntervalSeconds());
    Files.writeString(ini, "[metrics]\ninterval_seconds = 5\nguest_interval_seconds = 3600\n");
    assertEquals(3600, AgentConfig.load(ini).guestMetricsIntervalSeconds());
    assertEquals(5, AgentConfig.load(ini).metricsIntervalSeconds(), "independent of each other");

    for (String bad : new String[] {"9", "0", "3601", "-60", "sixty", "60.5"}) {
      Files.writeString(ini, "[metrics]\nguest_interval_seconds = " + bad + "\n");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentConfig.load(ini), bad);
      assertTrue(e.getMessage().contains("[metrics] guest_interval_seconds") && e.getMessage().contains("from 10 to 3600")
          && e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void theIniFileOverridesWhatItSetsAndTheAdvertisedUrlFollows() throws Exception {
    Path ini = dir.resolve("agent.ini");
    Files.writeString(ini, "[agent]\nlisten = 10.0.0.5\nport = 7171\n\n[server]\nurl = https://10.0.0.1:8443\n"
        + "join_token = abc123\n\n[storage]\nroot = /mnt/vireo\n");

    AgentConfig c = AgentConfig.load(ini);

    assertEquals("http://10.0.0.5:7171", c.advertiseUrl());
    assertEquals("https://10.0.0.1:8443", c.serverUrl());
    assertEquals("abc123", c.resolveJoinToken());
    assertEquals(Path.of("/mnt/vireo"), c.storageRoot());
    assertEquals(null, c.cluster(), "no [agent] cluster: the server decides");
  }

  @Test
  void theClusterToJoinComesFromTheAgentSection() throws Exception {
    Path ini = Files.writeString(dir.resolve("agent.ini"), "[agent]\ncluster = c2\n");

    assertEquals("c2", AgentConfig.load(ini).cluster());
  }

  @Test
  void withoutALiteralJoinTokenReadsTheServersTokenFile() throws Exception {
    Path token = Files.writeString(dir.resolve("join-token"), "from-file\n");
    Path ini = Files.writeString(dir.resolve("agent.ini"), "[server]\njoin_token_file = " + token + "\n");

    assertEquals("from-file", AgentConfig.load(ini).resolveJoinToken());
  }
}
