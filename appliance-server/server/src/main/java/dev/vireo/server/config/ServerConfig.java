package dev.vireo.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.vireo.server.seal.SealingAlgorithm;
import org.ini4j.Ini;

/** The server's settings, from an INI file; every key has a default so a missing file works. */
public record ServerConfig(
    String listen,
    int port,
    String publicUrl,
    Path dataDir,
    int tokenTtlHours,
    Path storageRoot,
    int heartbeatSeconds,
    int nodeTimeoutSeconds,
    int jobWorkers,
    int agentTaskTimeoutSeconds,
    int maxDiskGiB,
    int maxSnapshotsPerDisk,
    boolean diskQos,
    Console console,
    SealingAlgorithm sealing) {

  /**
   * {@code [console]} (ADR 0030, 0031): the console gateway's TLS port (default: the API's port + 1;
   * 0: any free one), the SPICE proxy's port ({@code spice_port}, default: the API's port + 2), how long an
   * unused ticket stays valid (the white paper's 300 s) and after how many seconds without input a
   * console session is closed (300).
   */
  public record Console(int port, int spicePort, int ticketSeconds, int idleSeconds) {
    public static final Console DEFAULTS = new Console(8444, 8445, 300, 300); // with the API on 8443

    public Console {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("[console] port must be 0-65535 (got " + port + ")");
      }
      if (spicePort < 0 || spicePort > 65535) {
        throw new IllegalArgumentException("[console] spice_port must be 0-65535 (got " + spicePort + ")");
      }
      if (spicePort != 0 && spicePort == port) {
        throw new IllegalArgumentException("[console] spice_port must differ from port (both " + port + ")");
      }
      if (ticketSeconds < 1 || ticketSeconds > 3600) {
        throw new IllegalArgumentException("[console] ticket_seconds must be 1-3600 (got " + ticketSeconds + ")");
      }
      if (idleSeconds < 1 || idleSeconds > 86400) {
        throw new IllegalArgumentException("[console] idle_seconds must be 1-86400 (got " + idleSeconds + ")");
      }
    }
  }

  /** The default of {@code [storage] max_disk_gib}: the largest virtual disk, the ceiling of every disk spec (16 TiB). */
  public static final int DEFAULT_MAX_DISK_GIB = 16384;

  /** The default of {@code [storage] max_snapshots_per_disk} (white paper 4.5: at most 5 per disk). */
  public static final int DEFAULT_MAX_SNAPSHOTS_PER_DISK = 5;

  public ServerConfig {
    if (sealing == null) {
      throw new IllegalArgumentException("[security] sealing is required");
    }
    if (heartbeatSeconds < 1 || nodeTimeoutSeconds <= heartbeatSeconds) {
      throw new IllegalArgumentException("[agent] heartbeat_seconds must be at least 1 and node_timeout_seconds"
          + " greater than it (got " + heartbeatSeconds + " and " + nodeTimeoutSeconds + ")");
    }
    if (maxDiskGiB < 10) {
      throw new IllegalArgumentException("[storage] max_disk_gib must be at least 10, the smallest disk (got "
          + maxDiskGiB + ")");
    }
    if (maxSnapshotsPerDisk < 1) {
      throw new IllegalArgumentException("[storage] max_snapshots_per_disk must be at least 1 (got "
          + maxSnapshotsPerDisk + ")");
    }
  }

  public static ServerConfig load(Path file) throws IOException {
    Ini ini = new Ini();
    if (file != null && Files.exists(file)) {
      ini.load(file.toFile());
    }
    int port = Integer.parseInt(get(ini, "server", "port", "8443"));
    return new ServerConfig(
        get(ini, "server", "listen", "0.0.0.0"),
        port,
        get(ini, "server", "public_url", "https://127.0.0.1:" + port),
        Path.of(get(ini, "server", "data_dir", "/var/lib/vireo/server")),
        Integer.parseInt(get(ini, "server", "token_ttl_hours", "12")),
        Path.of(get(ini, "storage", "root", "/var/lib/vireo/storage")),
        Integer.parseInt(get(ini, "agent", "heartbeat_seconds", "5")),
        Integer.parseInt(get(ini, "agent", "node_timeout_seconds", "15")),
        Integer.parseInt(get(ini, "jobs", "workers", "4")),
        Integer.parseInt(get(ini, "jobs", "agent_task_timeout_seconds", "600")),
        Integer.parseInt(get(ini, "storage", "max_disk_gib", Integer.toString(DEFAULT_MAX_DISK_GIB))),
        Integer.parseInt(get(ini, "storage", "max_snapshots_per_disk",
            Integer.toString(DEFAULT_MAX_SNAPSHOTS_PER_DISK))),
        java.util.Set.of("true", "on", "yes", "1").contains(get(ini, "storage", "disk_qos", "off").toLowerCase()),
        new Console(Integer.parseInt(get(ini, "console", "port", Integer.toString(port + 1))),
            Integer.parseInt(get(ini, "console", "spice_port", Integer.toString(port + 2))),
            Integer.parseInt(get(ini, "console", "ticket_seconds", Integer.toString(Console.DEFAULTS.ticketSeconds()))),
            Integer.parseInt(get(ini, "console", "idle_seconds", Integer.toString(Console.DEFAULTS.idleSeconds())))),
        SealingAlgorithm.named(get(ini, "security", "sealing", SealingAlgorithm.AES_256_GCM.tag())));
  }

  /** Defaults for a server on loopback with its data in {@code dataDir} (tests, benchmarks). */
  public static ServerConfig forLoopback(int port, Path dataDir, Path storageRoot) {
    return new ServerConfig("127.0.0.1", port, "https://127.0.0.1:" + port, dataDir, 12, storageRoot,
        5, 15, 4, 600, DEFAULT_MAX_DISK_GIB, DEFAULT_MAX_SNAPSHOTS_PER_DISK, false, new Console(0, 0, 300, 300),
        SealingAlgorithm.AES_256_GCM);
  }

  /** The same with other heartbeat settings (tests of node failure run with short ones). */
  public ServerConfig withHeartbeat(int newHeartbeatSeconds, int newNodeTimeoutSeconds) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, newHeartbeatSeconds,
        newNodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, maxDiskGiB, maxSnapshotsPerDisk, diskQos, console,
        sealing);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(listen, newPort, publicUrl.replaceAll(":\\d+$", ":" + newPort), dataDir,
        tokenTtlHours, storageRoot, heartbeatSeconds, nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds,
        maxDiskGiB, maxSnapshotsPerDisk, diskQos, console, sealing);
  }

  /** The same with another maximum disk size (tests of the limit). */
  public ServerConfig withMaxDiskGiB(int newMaxDiskGiB) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, heartbeatSeconds,
        nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, newMaxDiskGiB, maxSnapshotsPerDisk, diskQos, console,
        sealing);
  }

  /** The same with another per-disk snapshot limit (tests of the limit). */
  public ServerConfig withMaxSnapshotsPerDisk(int newMax) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, heartbeatSeconds,
        nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, maxDiskGiB, newMax, diskQos, console, sealing);
  }

  /** The same with the disk QoS switch set (tests). */
  public ServerConfig withDiskQos(boolean on) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, heartbeatSeconds,
        nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, maxDiskGiB, maxSnapshotsPerDisk, on, console, sealing);
  }

  /** The same with other console settings (tests shorten the ticket and idle limits). */
  public ServerConfig withConsole(Console newConsole) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, heartbeatSeconds,
        nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, maxDiskGiB, maxSnapshotsPerDisk, diskQos, newConsole,
        sealing);
  }

  /**
   * The same sealing new secrets at rest with {@code algorithm} ({@code [security] sealing}, ADR 0049;
   * values sealed before still open).
   */
  public ServerConfig withSealing(SealingAlgorithm algorithm) {
    return new ServerConfig(listen, port, publicUrl, dataDir, tokenTtlHours, storageRoot, heartbeatSeconds,
        nodeTimeoutSeconds, jobWorkers, agentTaskTimeoutSeconds, maxDiskGiB, maxSnapshotsPerDisk, diskQos, console,
        algorithm);
  }

  private static String get(Ini ini, String section, String key, String fallback) {
    String v = ini.get(section, key);
    return v == null || v.isBlank() ? fallback : v.strip();
  }
}
