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
    String cluster) {

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
        get(ini, "agent", "cluster", null));
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
