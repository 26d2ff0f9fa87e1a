package dev.vireo.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ini4j.Ini;

/**
 * The agent's settings, from an INI file; every key has a default so a missing file works.
 *
 * @param serverFingerprint SHA-256 of the server certificate; the only certificate trusted
 * @param cluster the compute cluster (name or id) the node asks to join; null: the server decides
 * @param metricsIntervalSeconds {@code [metrics] interval_seconds}: how often the node and its VMs are
 *     sampled and a report is sent (1 to 3600, default 10; ADR 0033)
 * @param guestMetricsIntervalSeconds {@code [metrics] guest_interval_seconds}: how often the VMs' QEMU
 *     guest agents are asked for disk space, TCP connections and blocked processes (10 to 3600,
 *     default 60; ADR 0033)
 */
public record AgentConfig(
    String listen,
    int port,
    String advertiseUrl,
    Path tokenFile,
    String libvirtUri,
    String domainType,
    String serverUrl,
    String serverFingerprint,
    String joinToken,
    Path joinTokenFile,
    Path storageRoot,
    String cluster,
    int metricsIntervalSeconds,
    int guestMetricsIntervalSeconds) {

  public static AgentConfig load(Path file) throws IOException {
    Ini ini = new Ini();
    if (file != null && Files.exists(file)) {
      ini.load(file.toFile());
    }
    String listen = get(ini, "agent", "listen", "127.0.0.1");
    int port = Integer.parseInt(get(ini, "agent", "port", "7070"));
    return new AgentConfig(
        listen,
        port,
        get(ini, "agent", "advertise_url", "http://" + listen + ":" + port),
        Path.of(get(ini, "agent", "token_file", "/var/lib/vireo/agent/agent-token")),
        get(ini, "agent", "libvirt_uri", "qemu:///system"),
        domainType(get(ini, "agent", "domain_type", "auto")),
        get(ini, "server", "url", "https://127.0.0.1:8443"),
        get(ini, "server", "fingerprint", ""),
        get(ini, "server", "join_token", ""),
        Path.of(get(ini, "server", "join_token_file", "/var/lib/vireo/server/join-token")),
        Path.of(get(ini, "storage", "root", "/var/lib/vireo/storage")),
        get(ini, "agent", "cluster", null),
        seconds("interval_seconds", get(ini, "metrics", "interval_seconds", "10"), 1),
        seconds("guest_interval_seconds", get(ini, "metrics", "guest_interval_seconds", "60"), 10));
  }

  /** A {@code [metrics]} interval: whole seconds from {@code min} to 3600. */
  private static int seconds(String key, String v, int min) {
    int seconds;
    try {
      seconds = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds < min || seconds > 3600) {
      throw new IllegalArgumentException("[metrics] " + key + " must be a whole number of seconds from " + min
          + " to 3600 (got '" + v + "')");
    }
    return seconds;
  }

  private static String domainType(String v) {
    if (!v.equals("auto") && !v.equals("kvm") && !v.equals("qemu")) {
      throw new IllegalArgumentException("[agent] domain_type must be auto, kvm or qemu (got '" + v + "')");
    }
    return v;
  }

  private static String get(Ini ini, String section, String key, String fallback) {
    String v = ini.get(section, key);
    return v == null || v.isBlank() ? fallback : v.strip();
  }

  /** The join token: literal from the config, else read from the server's token file. */
  public String resolveJoinToken() throws IOException {
    return joinToken.isBlank() ? Files.readString(joinTokenFile).strip() : joinToken;
  }
}
