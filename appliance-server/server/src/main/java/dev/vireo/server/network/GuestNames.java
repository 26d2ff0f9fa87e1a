package dev.vireo.server.network;

import dev.vireo.api.model.OsType;
import dev.vireo.server.http.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Guest hostnames (white paper 4.2.13). Windows: 2-15 letters, digits or '-', not starting or
 * ending with '-', no "--", not digits only. Linux: 2-63 letters, digits, '.' or '-', not starting
 * or ending with '.' or '-', no two of them in a row, not digits only.
 */
public final class GuestNames {
  private static final Pattern WINDOWS = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");
  private static final Pattern LINUX = Pattern.compile("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*");

  private GuestNames() {}

  /** Why {@code hostname} is not valid for the OS, or null when it is. */
  public static String problem(String hostname, OsType os) {
    boolean windows = os == OsType.WINDOWS;
    int max = windows ? 15 : 63;
    if (hostname == null || hostname.length() < 2 || hostname.length() > max) {
      return "must be 2-" + max + " characters for a " + (windows ? "Windows" : "Linux") + " guest";
    }
    if (hostname.chars().allMatch(Character::isDigit)) {
      return "must not be digits only";
    }
    if (!(windows ? WINDOWS : LINUX).matcher(hostname).matches()) {
      return windows
          ? "may hold letters, digits and '-', not at the start or end nor two in a row (Windows)"
          : "may hold letters, digits, '.' and '-', not at the start or end nor two in a row (Linux)";
    }
    return null;
  }

  public static String require(String hostname, OsType os) {
    String problem = problem(hostname, os);
    if (problem != null) {
      throw ApiException.invalid("hostname", "'" + hostname + "' " + problem);
    }
    return hostname;
  }

  /** A valid hostname derived from a VM name (other characters become '-'), else {@code vm-<suffix>}. */
  public static String derive(String vmName, OsType os, String fallbackSuffix) {
    int max = os == OsType.WINDOWS ? 15 : 63;
    String s = vmName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "");
    if (s.length() > max) {
      s = s.substring(0, max);
    }
    s = s.replaceAll("-+$", "");
    if (problem(s, os) == null) {
      return s;
    }
    String fallback = ("vm-" + fallbackSuffix.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));
    return fallback.substring(0, Math.min(fallback.length(), max));
  }
}
