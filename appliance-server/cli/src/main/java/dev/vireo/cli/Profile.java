package dev.vireo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The saved login: server URL, pinned certificate fingerprint, bearer token and user, in an ini
 * file ({@code key = value}) readable only by its owner because it holds the token.
 */
record Profile(String server, String fingerprint, String token, String user) {
  static final String ENV = "VIREO_PROFILE";

  /** {@code $VIREO_PROFILE}, else {@code ~/.config/vireo/profile.ini}. */
  static Path path(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    return Path.of(System.getProperty("user.home"), ".config", "vireo", "profile.ini");
  }

  static Optional<Profile> load(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, String> keys = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.strip();
        int eq = l.indexOf('=');
        if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.startsWith("[") || eq < 0) {
          continue;
        }
        keys.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(new Profile(blankToNull(keys.get("server")), blankToNull(keys.get("fingerprint")),
        blankToNull(keys.get("token")), blankToNull(keys.get("user"))));
  }

  Profile withToken(String newToken) {
    return new Profile(server, fingerprint, newToken, user);
  }

  /** Writes the file with mode 0600 before any secret is in it, then moves it into place. */
  void save(Path file) {
    StringBuilder ini = new StringBuilder("# vireo CLI login; holds a bearer token, keep it private\n[vireo]\n");
    append(ini, "server", server);
    append(ini, "fingerprint", fingerprint);
    append(ini, "user", user);
    append(ini, "token", token);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(tmp, ini);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write profile " + file + ": " + e.getMessage(), e);
    }
  }

  private static void append(StringBuilder ini, String key, String value) {
    if (value != null) {
      ini.append(key).append(" = ").append(value).append('\n');
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
