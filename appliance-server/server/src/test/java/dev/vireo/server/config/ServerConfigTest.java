package dev.vireo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir
  Path dir;

  @Test
  void everyKeyHasADefaultSoAMissingFileWorks() throws Exception {
    ServerConfig c = ServerConfig.load(dir.resolve("absent.ini"));

    assertEquals(c, ServerConfig.load(null));
    assertEquals("0.0.0.0", c.listen());
    assertEquals(8443, c.port());
    assertEquals("https://127.0.0.1:8443", c.publicUrl());
    assertEquals(Path.of("/var/lib/vireo/server"), c.dataDir());
    assertEquals(12, c.tokenTtlHours());
    assertEquals(Path.of("/var/lib/vireo/storage"), c.storageRoot());
    assertEquals(5, c.heartbeatSeconds());
    assertEquals(15, c.nodeTimeoutSeconds());
    assertEquals(4, c.jobWorkers());
    assertEquals(600, c.agentTaskTimeoutSeconds());
    assertEquals(16384, c.maxDiskGiB());
    assertEquals(5, c.maxSnapshotsPerDisk(), "white paper 4.5: at most 5 snapshots per disk");
    assertEquals(dev.vireo.server.seal.SealingAlgorithm.AES_256_GCM, c.sealing());
  }

  @Test
  void theAdminChoosesSm4ForSealingSecretsAndAnUnknownNameIsRefusedNamingTheKey() throws Exception {
    Path ini = dir.resolve("sealing.ini");
    Files.writeString(ini, "[security]\nsealing = sm4-gcm\n");
    assertEquals(dev.vireo.server.seal.SealingAlgorithm.SM4_GCM, ServerConfig.load(ini).sealing());
    Files.writeString(ini, "[security]\nsealing = des\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.load(ini));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[security] sealing must be"), e.getMessage());
  }

  @Test
  void theAdminSetsTheSnapshotsPerDiskButAtLeastOne() throws Exception {
    Path ini = dir.resolve("snapshots.ini");
    Files.writeString(ini, "[storage]\nmax_snapshots_per_disk = 8\n");
    assertEquals(8, ServerConfig.load(ini).maxSnapshotsPerDisk());
    Files.writeString(ini, "[storage]\nmax_snapshots_per_disk = 0\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.load(ini));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("max_snapshots_per_disk"), e.getMessage());
  }

  @Test
  void theAdminSetsTheLargestDiskButNotBelowTheSmallest() throws Exception {
    Path ini = dir.resolve("disks.ini");
    Files.writeString(ini, "[storage]\nmax_disk_gib = 2048\n");
    assertEquals(2048, ServerConfig.load(ini).maxDiskGiB());
    Files.writeString(ini, "[storage]\nmax_disk_gib = 5\n");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.load(ini));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("max_disk_gib"), e.getMessage());
  }

  @Test
  void theIniFileOverridesWhatItSets() throws Exception {
    Path ini = dir.resolve("server.ini");
    Files.writeString(ini, String.join("\n",
        "; Vireo server",
        "[server]",
        "listen = 127.0.0.1",
        "port = 9443",
        "data_dir = /srv/vireo",
        "token_ttl_hours = 1",
        "",
        "[storage]",
        "root = /mnt/nfs/vireo",
        "",
        "[agent]",
        "heartbeat_seconds = 2",
        "node_timeout_seconds = 6",
        "",
        "[jobs]",
        "workers = 8",
        "agent_task_timeout_seconds = 30",
        ""));

    ServerConfig c = ServerConfig.load(ini);

    assertEquals("127.0.0.1", c.listen());
    assertEquals(9443, c.port());
    assertEquals("https://127.0.0.1:9443", c.publicUrl(), "the default public URL follows the port");
    assertEquals(Path.of("/srv/vireo"), c.dataDir());
    assertEquals(1, c.tokenTtlHours());
    assertEquals(Path.of("/mnt/nfs/vireo"), c.storageRoot());
    assertEquals(2, c.heartbeatSeconds());
    assertEquals(6, c.nodeTimeoutSeconds());
    assertEquals(8, c.jobWorkers());
    assertEquals(30, c.agentTaskTimeoutSeconds());
  }

  @Test
  void blankValuesFallBackToTheDefault() throws Exception {
    Path ini = dir.resolve("server.ini");
    Files.writeString(ini, "[server]\nport =\npublic_url = https://vireo.example:8443\n");

    ServerConfig c = ServerConfig.load(ini);

    assertEquals(8443, c.port());
    assertEquals("https://vireo.example:8443", c.publicUrl());
  }

  @Test
  void anotherPortMovesThePublicUrlAlong() {
    ServerConfig c = ServerConfig.forLoopback(8443, dir, dir.resolve("storage")).withPort(18443);

    assertEquals(18443, c.port());
    assertEquals("https://127.0.0.1:18443", c.publicUrl());
  }
}
