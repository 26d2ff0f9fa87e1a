package dev.vireo.server.auth.allowlist;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address or CIDR block of an allow-list entry. Parsing takes literal addresses
 * only (never a host name: no DNS lookup), and an IPv4-mapped IPv6 client (::ffff:10.0.0.1)
 * matches the IPv4 entries.
 */
public record IpRange(byte[] network, int prefix, String text) {
  private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

  /** The range, or empty with the reason in {@code why[0]}. */
  public static Optional<IpRange> parse(String raw, String[] why) {
    String s = raw == null ? "" : raw.strip();
    String addr = s;
    int prefix = -1;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      addr = s.substring(0, slash);
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        why[0] = "the prefix after / must be a number";
        return Optional.empty();
      }
    }
    if (addr.isEmpty() || !LITERAL.matcher(addr).matches() || (!addr.contains(":") && !addr.matches(
        "\\d{1,3}(\\.\\d{1,3}){3}"))) {
      why[0] = "must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8 or 2001:db8::/32";
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      why[0] = "is not a valid IP address";
      return Optional.empty();
    }
    int bits = bytes.length * 8;
    if (prefix == -1) {
      prefix = bits;
    }
    if (prefix < 0 || prefix > bits) {
      why[0] = "the prefix must be between 0 and " + bits + " for an " + (bits == 32 ? "IPv4" : "IPv6") + " address";
      return Optional.empty();
    }
    return Optional.of(new IpRange(masked(bytes, prefix), prefix, s));
  }

  public boolean contains(InetAddress client) {
    byte[] c = client.getAddress();
    if (c.length == 16 && network.length == 4 && isMapped(c)) {
      c = java.util.Arrays.copyOfRange(c, 12, 16);
    }
    return c.length == network.length && java.util.Arrays.equals(masked(c, prefix), network);
  }

  private static boolean isMapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  private static byte[] masked(byte[] a, int prefix) {
    int bits = a.length * 8;
    BigInteger v = new BigInteger(1, a);
    BigInteger mask = prefix == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    byte[] raw = v.and(mask).toByteArray();
    byte[] out = new byte[a.length];
    int n = Math.min(raw.length, out.length);
    System.arraycopy(raw, raw.length - n, out, out.length - n, n);
    return out;
  }
}
