package dev.vireo.server.network;

import dev.vireo.server.network.IpAddresses.Ip;
import java.math.BigInteger;

/**
 * A subnet in CIDR notation ({@code 10.0.0.0/24}, {@code fd00::/64}) with host bits zero. For
 * IPv4 the first (network) and last (broadcast) addresses are not usable by hosts unless the
 * prefix is /31 or /32; for IPv6 the all-zero (subnet-router anycast) address is not.
 */
public record Cidr(BigInteger network, int prefix, int bits) {

  /** The subnet, or null when {@code text} is not a CIDR with a valid prefix and zero host bits. */
  public static Cidr parse(String text) {
    if (text == null || text.indexOf('/') < 0) {
      return null;
    }
    String[] parts = text.strip().split("/", 2);
    Ip ip = IpAddresses.parse(parts[0]);
    if (ip == null || !parts[1].matches("\\d{1,3}")) {
      return null;
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix > ip.bits() || prefix < 1) {
      return null;
    }
    Cidr c = new Cidr(ip.value(), prefix, ip.bits());
    return c.first().equals(ip.value()) ? c : null;
  }

  public boolean isV4() {
    return bits == 32;
  }

  private BigInteger hostMask() {
    return BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
  }

  /** The network address. */
  public BigInteger first() {
    return network.andNot(hostMask());
  }

  /** The last address (IPv4: broadcast). */
  public BigInteger last() {
    return first().or(hostMask());
  }

  public BigInteger firstUsable() {
    return bits - prefix <= 1 && isV4() ? first() : first().add(BigInteger.ONE);
  }

  public BigInteger lastUsable() {
    return isV4() && bits - prefix > 1 ? last().subtract(BigInteger.ONE) : last();
  }

  public boolean contains(Ip ip) {
    return ip != null && ip.bits() == bits && ip.value().compareTo(first()) >= 0 && ip.value().compareTo(last()) <= 0;
  }

  /** Whether a host may have this address (inside, and not the network or broadcast address). */
  public boolean usable(Ip ip) {
    return contains(ip) && ip.value().compareTo(firstUsable()) >= 0 && ip.value().compareTo(lastUsable()) <= 0;
  }

  /** {@code address/prefix}, as a guest's static address is written. */
  public String withPrefix(String address) {
    return address + "/" + prefix;
  }

  @Override
  public String toString() {
    return IpAddresses.format(first(), bits) + "/" + prefix;
  }
}
