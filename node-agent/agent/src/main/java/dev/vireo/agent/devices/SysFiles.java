package dev.vireo.agent.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reads of sysfs attributes: a file that is missing or refuses to be read (sysfs answers
 * EINVAL for the speed of a link that is down) is "not known", never an error.
 */
final class SysFiles {
  private SysFiles() {}

  /** The attribute's text without surrounding blanks, or null when it is missing, unreadable or empty. */
  static String text(Path file) {
    try {
      String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
      return s.isEmpty() ? null : s;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  static Long number(Path file) {
    String s = text(file);
    if (s == null) {
      return null;
    }
    try {
      return Long.decode(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The last element of where a symbolic link points (a driver's name), or null without the link. */
  static String linkName(Path link) {
    try {
      return Files.readSymbolicLink(link).getFileName().toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /** The entries of a directory sorted by name; none when it does not exist. */
  static List<Path> entries(Path dir) {
    List<Path> all = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return all;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(all::add);
    } catch (IOException e) {
      return all;
    }
    all.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return all;
  }

  /** Hex ids as lsusb and lspci print them: lower case, without {@code 0x}. */
  static String hexId(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.toLowerCase();
    return s.startsWith("0x") ? s.substring(2) : s;
  }
}
