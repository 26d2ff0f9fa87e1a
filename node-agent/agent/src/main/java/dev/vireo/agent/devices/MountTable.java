package dev.vireo.agent.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mount points by block device name ({@code /dev/vda1} is {@code vda1}) from a /proc/mounts file. */
final class MountTable {
  private MountTable() {}

  static Map<String, List<String>> read(Path mounts) {
    Map<String, List<String>> byDevice = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(mounts, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return byDevice;
    }
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length < 2 || !f[0].startsWith("/dev/")) {
        continue;
      }
      String device = f[0].substring("/dev/".length());
      byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(unescape(f[1]));
    }
    byDevice.values().forEach(l -> l.sort(null));
    return byDevice;
  }

  /** The kernel writes a space in a path as {@code \040} (octal), and tab, newline and backslash likewise. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
