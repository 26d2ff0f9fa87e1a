package dev.vireo.server.network;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/** VM MAC addresses (white paper 4.2.15): random in the KVM prefix 52:54:00, or a custom unicast one. */
public final class MacAddresses {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MacAddresses() {}

  /** The MAC in lower case with colons, or null when it is not a unicast, non-zero MAC. */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String m = text.strip().toLowerCase(Locale.ROOT).replace('-', ':');
    if (!MAC.matcher(m).matches() || m.equals("00:00:00:00:00:00")) {
      return null;
    }
    int first = Integer.parseInt(m.substring(0, 2), 16);
    return (first & 1) == 0 ? m : null; // the I/G bit set: multicast or broadcast
  }

  /** A random MAC of QEMU/KVM's locally administered prefix 52:54:00. */
  public static String random() {
    return String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256), RANDOM.nextInt(256));
  }
}
