package dev.vireo.server.network;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 literals as numbers. Only literals are accepted, so parsing never resolves a name;
 * IPv4 in dotted-quad form only (no {@code 10.1} shorthands), canonical text on output.
 */
public final class IpAddresses {
  private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /** An address: its value and width (32 or 128 bits). */
  public record Ip(BigInteger value, int bits) {
    public boolean isV4() {
      return bits == 32;
    }

    @Override
    public String toString() {
      return format(value, bits);
    }
  }

  /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
  public static Ip parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    boolean v4 = V4.matcher(t).matches();
    if (!v4 && !(t.contains(":") && V6.matcher(t).matches())) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(t).getAddress();
      if (!v4 && bytes.length == 4) {
        return null; // an IPv4-mapped literal: say IPv4 plainly
      }
      return new Ip(new BigInteger(1, bytes), bytes.length * 8);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  public static String format(BigInteger value, int bits) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[bits / 8];
    int copy = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
    try {
      String s = InetAddress.getByAddress(out).getHostAddress();
      return bits == 128 ? compress(s) : s;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Java prints IPv6 uncompressed (0:0:0:...); the longest run of zero groups becomes {@code ::} (RFC 5952). */
  private static String compress(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i > 1) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
    return head + "::" + tail;
  }
}
