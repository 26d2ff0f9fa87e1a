package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.GuestSeed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The NoCloud seed of a VM (ADR 0015): a 1 MiB vfat image labelled {@code cidata} holding
 * {@code meta-data}, {@code network-config} (version 2) and {@code user-data}, made with mtools
 * (no loop devices, no mounts). Every value is checked (addresses, MACs, the password hash) or
 * quoted, so nothing from the network can inject YAML.
 */
public final class NoCloudSeed {
  public static final String FILE_NAME = "seed.img";
  private static final long SIZE = 1L << 20;
  private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  private static final Pattern SHA512_CRYPT = Pattern.compile("\\$6\\$(rounds=\\d+\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{86}");

  private final CommandRunner runner;

  public NoCloudSeed(CommandRunner runner) {
    this.runner = runner;
  }

  public static NoCloudSeed ofThisHost() {
    return new NoCloudSeed(CommandRunner.processes("SEED_FAILED"));
  }

  /** Writes (or rewrites) the seed image at {@code image}; the old one is replaced atomically. */
  public Path write(GuestSeed seed, Path image) {
    Path dir = image.toAbsolutePath().getParent();
    Path tmp = dir.resolve(image.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      Path files = Files.createTempDirectory(dir, ".seed-");
      try {
        Files.writeString(files.resolve("meta-data"), metaData(seed), StandardCharsets.UTF_8);
        Files.writeString(files.resolve("network-config"), networkConfig(seed), StandardCharsets.UTF_8);
        Files.writeString(files.resolve("user-data"), userData(seed), StandardCharsets.UTF_8);
        Files.deleteIfExists(tmp);
        try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
          f.setLength(SIZE);
        }
        mtools(List.of("mformat", "-i", tmp.toString(), "-v", "cidata", "::"));
        for (String name : List.of("meta-data", "network-config", "user-data")) {
          mtools(List.of("mcopy", "-i", tmp.toString(), files.resolve(name).toString(), "::" + name));
        }
        Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return image;
      } finally {
        for (String name : List.of("meta-data", "network-config", "user-data")) {
          Files.deleteIfExists(files.resolve(name));
        }
        Files.deleteIfExists(files);
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CommandFailedException("SEED_FAILED", "cannot write the seed " + image + ": " + e.getMessage(), e);
    }
  }

  private void mtools(List<String> command) {
    CommandRunner.Result r = runner.run(command, 30);
    if (!r.ok()) {
      throw new CommandFailedException("SEED_FAILED", String.join(" ", command) + " failed (exit " + r.exitCode()
          + "): " + (r.stderr() + r.stdout()).strip());
    }
  }

  static String metaData(GuestSeed seed) {
    return "instance-id: " + quote(seed.instanceId()) + "\n"
        + "local-hostname: " + quote(seed.hostname()) + "\n";
  }

  static String networkConfig(GuestSeed seed) {
    StringBuilder y = new StringBuilder("version: 2\nethernets:\n");
    List<GuestSeed.SeedNic> nics = seed.nics() == null ? List.of() : seed.nics();
    List<String> dns = seed.dnsServers() == null ? List.of() : seed.dnsServers();
    dns.forEach(d -> ip(d, "dnsServers"));
    if (nics.isEmpty()) {
      return "version: 2\nethernets: {}\n";
    }
    for (int i = 0; i < nics.size(); i++) {
      GuestSeed.SeedNic n = nics.get(i);
      if (n.mac() == null || !MAC.matcher(n.mac()).matches()) {
        throw invalid("seed NIC MAC " + n.mac() + " is not a MAC address");
      }
      y.append("  nic").append(i).append(":\n")
          .append("    match:\n")
          .append("      macaddress: \"").append(n.mac().toLowerCase(Locale.ROOT)).append("\"\n");
      List<String> addresses = n.addresses() == null ? List.of() : n.addresses();
      if (!addresses.isEmpty()) {
        y.append("    addresses:\n");
        for (String a : addresses) {
          y.append("      - \"").append(cidr(a, "address")).append("\"\n");
        }
      }
      if (n.gateway4() != null) {
        y.append("    gateway4: \"").append(ipv4(n.gateway4(), "gateway4")).append("\"\n");
      }
      if (n.gateway6() != null) {
        y.append("    gateway6: \"").append(ipv6(n.gateway6(), "gateway6")).append("\"\n");
      }
      if (!dns.isEmpty()) {
        y.append("    nameservers:\n      addresses: [");
        for (int d = 0; d < dns.size(); d++) {
          y.append(d == 0 ? "" : ", ").append('"').append(dns.get(d)).append('"');
        }
        y.append("]\n");
      }
      List<GuestSeed.SeedRoute> routes = n.routes() == null ? List.of() : n.routes();
      if (!routes.isEmpty()) {
        y.append("    routes:\n");
        for (GuestSeed.SeedRoute r : routes) {
          y.append("      - to: \"").append(cidr(r.to(), "route destination")).append("\"\n")
              .append("        via: \"").append(ip(r.via(), "route next hop")).append("\"\n");
        }
      }
    }
    return y.toString();
  }

  static String userData(GuestSeed seed) {
    if (seed.passwordHash() == null) {
      return "#cloud-config\n";
    }
    if (!SHA512_CRYPT.matcher(seed.passwordHash()).matches()) {
      throw invalid("passwordHash is not a SHA-512 crypt hash ($6$salt$hash)");
    }
    return "#cloud-config\n"
        + "chpasswd:\n"
        + "  expire: false\n"
        + "  users:\n"
        + "    - name: root\n"
        + "      password: \"" + seed.passwordHash() + "\"\n"
        + "      type: hash\n";
  }

  /** A YAML double-quoted scalar; control characters (a newline could inject keys) are refused. */
  static String quote(String s) {
    if (s == null) {
      return "\"\"";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw invalid("control character in seed value " + s.replaceAll("\\p{Cntrl}", "?"));
      }
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static String cidr(String s, String what) {
    int slash = s == null ? -1 : s.indexOf('/');
    if (slash < 0) {
      throw invalid(what + " " + s + " is not in CIDR notation (address/prefix)");
    }
    String addr = s.substring(0, slash);
    String prefix = s.substring(slash + 1);
    boolean v4 = IPV4.matcher(addr).matches();
    if (!v4 && !IPV6.matcher(addr).matches() || !prefix.matches("\\d{1,3}")
        || Integer.parseInt(prefix) > (v4 ? 32 : 128)) {
      throw invalid(what + " " + s + " is not in CIDR notation (address/prefix)");
    }
    return s;
  }

  private static String ip(String s, String what) {
    if (s == null || !IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
      throw invalid(what + " " + s + " is not an IP address");
    }
    return s;
  }

  private static String ipv4(String s, String what) {
    if (s == null || !IPV4.matcher(s).matches()) {
      throw invalid(what + " " + s + " is not an IPv4 address");
    }
    return s;
  }

  private static String ipv6(String s, String what) {
    if (s == null || !IPV6.matcher(s).matches()) {
      throw invalid(what + " " + s + " is not an IPv6 address");
    }
    return s;
  }

  private static CommandFailedException invalid(String message) {
    return new CommandFailedException("INVALID_COMMAND", message);
  }
}
