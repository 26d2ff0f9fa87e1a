package dev.vireo.server.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals small secrets under a 256-bit key with the configured {@link SealingAlgorithm} (ADR 0049).
 * A sealed value names its algorithm, {@code <tag>:<base64 nonce|ciphertext|tag>} (e.g.
 * {@code sm4-gcm:...}), so values sealed before a switch of {@code [security] sealing} still open;
 * new ones use the configured algorithm. {@code context} is the associated data: a value moved to
 * another row does not open.
 */
public final class TaggedSealer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;
  private final SealingAlgorithm sealWith;

  public TaggedSealer(byte[] key, SealingAlgorithm sealWith) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the sealing key must be 32 bytes, got " + key.length);
    }
    this.key = key.clone();
    this.sealWith = sealWith;
  }

  /** The algorithm new values are sealed with. */
  public SealingAlgorithm sealsWith() {
    return sealWith;
  }

  public String seal(byte[] plain, String context) {
    byte[] nonce = new byte[SealingAlgorithm.NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      byte[] sealed = sealWith.apply(true, sealWith.cipherKey(key), nonce, aad(context), plain);
      return sealWith.tag() + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length
          + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(sealWith.tag() + " is not available", e);
    }
  }

  /** Whether {@code sealed} starts with an algorithm tag (and so is not an untagged value of an older version). */
  public static boolean isTagged(String sealed) {
    int colon = sealed == null ? -1 : sealed.indexOf(':');
    return colon > 0 && SealingAlgorithm.ofTag(sealed.substring(0, colon)).isPresent();
  }

  /** The plain bytes of a tagged value; IllegalStateException when it does not open with this key and context. */
  public byte[] open(String sealed, String context) {
    if (!isTagged(sealed)) {
      throw new IllegalStateException("not a sealed value with an algorithm tag");
    }
    int colon = sealed.indexOf(':');
    return open(SealingAlgorithm.ofTag(sealed.substring(0, colon)).orElseThrow(), sealed.substring(colon + 1),
        context);
  }

  /** The plain bytes of {@code base64} (nonce, ciphertext, tag) sealed with {@code algorithm}. */
  public byte[] open(SealingAlgorithm algorithm, String base64, String context) {
    try {
      byte[] all = Base64.getDecoder().decode(base64);
      if (all.length < SealingAlgorithm.NONCE_BYTES + SealingAlgorithm.TAG_BITS / 8) {
        throw new IllegalStateException("the sealed value is too short");
      }
      byte[] nonce = java.util.Arrays.copyOf(all, SealingAlgorithm.NONCE_BYTES);
      byte[] body = java.util.Arrays.copyOfRange(all, SealingAlgorithm.NONCE_BYTES, all.length);
      return algorithm.apply(false, algorithm.cipherKey(key), nonce, aad(context), body);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the " + algorithm.tag() + " sealed value does not open with this key", e);
    }
  }

  private static byte[] aad(String context) {
    return context.getBytes(StandardCharsets.UTF_8);
  }
}
