package dev.vireo.api.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash of a request signature (docs/api-signing.md): SHA-256, the default, or the 国密 hash SM3
 * (GB/T 32905) through Bouncy Castle, since the JDK has none (docs/guomi.md, ADR 0049). The
 * algorithm hashes the body and the canonical request and keys the HMAC; its scheme names it in the
 * {@code Authorization} header.
 */
public enum SigningAlgorithm {
  /** {@code VIREO-HMAC-SHA256}: SHA-256 hashes, HMAC-SHA256 (the JDK's). */
  SHA256("VIREO-HMAC-SHA256") {
    @Override
    public byte[] digest(byte[] data) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(data);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }

    @Override
    public byte[] hmac(byte[] key, byte[] data) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
  },
  /** {@code VIREO-HMAC-SM3}: SM3 hashes, HMAC-SM3 (RFC 2104 over SM3), both Bouncy Castle's. */
  SM3("VIREO-HMAC-SM3") {
    @Override
    public byte[] digest(byte[] data) {
      return finish(new SM3Digest(), data);
    }

    @Override
    public byte[] hmac(byte[] key, byte[] data) {
      HMac mac = new HMac(new SM3Digest());
      mac.init(new KeyParameter(key));
      mac.update(data, 0, data.length);
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return out;
    }
  };

  private static final HexFormat HEX = HexFormat.of();
  private final String scheme;

  SigningAlgorithm(String scheme) {
    this.scheme = scheme;
  }

  /** The word that starts the {@code Authorization} header and the string to sign. */
  public String scheme() {
    return scheme;
  }

  public abstract byte[] digest(byte[] data);

  public abstract byte[] hmac(byte[] key, byte[] data);

  /** Lower-case hex of {@link #digest}. */
  public String digestHex(byte[] data) {
    return HEX.formatHex(digest(data));
  }

  /** The algorithm whose scheme starts {@code authorization} (followed by a space), if any. */
  public static Optional<SigningAlgorithm> ofAuthorization(String authorization) {
    if (authorization != null) {
      for (SigningAlgorithm a : values()) {
        if (authorization.regionMatches(true, 0, a.scheme + " ", 0, a.scheme.length() + 1)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The algorithm a user names: {@code SHA256}, {@code SM3}, or a scheme such as {@code VIREO-HMAC-SM3}
   * (any case, {@code -} optional); IllegalArgumentException listing the choices.
   */
  public static SigningAlgorithm named(String name) {
    String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace("-", "");
    for (SigningAlgorithm a : values()) {
      if (n.equals(a.name()) || n.equals("HMAC" + a.name()) || n.equals(a.scheme.replace("-", ""))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown signing algorithm '" + name + "': use SHA256 ("
        + SHA256.scheme + ") or SM3 (" + SM3.scheme + ")");
  }

  private static byte[] finish(Digest d, byte[] data) {
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }
}
