package dev.vireo.server.apikey;

import dev.vireo.server.config.SecretFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals API key secrets with AES-256-GCM under a key kept in a root-only file next to the
 * server's other secrets (ADR 0042): a copy of the database alone yields no usable secret.
 * Secrets are sealed, not hashed, because verifying an HMAC needs the secret itself.
 */
public final class SecretSealer {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  SecretSealer(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the sealing key must be 32 bytes, got " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The sealer of {@code file}, created with a fresh random key on first start. */
  public static SecretSealer fromFile(Path file) throws IOException {
    return new SecretSealer(HexFormat.of().parseHex(SecretFiles.readOrCreateToken(file)));
  }

  /** Base64 of a random IV followed by the ciphertext and tag; {@code context} is bound as associated data. */
  public String seal(String secret, String context) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
          .array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The secret sealed by {@link #seal} with the same context; IllegalStateException when tampered with. */
  public String open(String sealed, String context) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed API key secret cannot be opened (wrong key file or tampered row)");
    }
  }
}
