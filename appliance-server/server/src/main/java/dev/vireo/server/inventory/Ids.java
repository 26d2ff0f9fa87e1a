package dev.vireo.server.inventory;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Resource ids: a kind prefix and 12 random hex digits ({@code vm-3f9a1c2b7d10}). */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String next(String prefix) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return prefix + "-" + HexFormat.of().formatHex(b);
  }
}
