package dev.vireo.server.auth.twofactor;

import dev.vireo.server.config.SecretFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (TOTP keys) with AES-256-GCM under a key kept in a root-only file next to
 * the server's other secrets, so a copy of the database alone does not give them away. Sealed
 * form: {@code v1:<base64 nonce|ciphertext|tag>}; the account id is the associated data, so a
 * sealed value moved to another account's row does not open.
 */
public final class SecretSealer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKey key;

  SecretSealer(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The key in {@code file} (hex), created on first use. */
  public static SecretSealer fromKeyFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      SecretFiles.write(file, SecretFiles.randomHex(32) + "\n");
    }
    byte[] key = java.util.HexFormat.of().parseHex(Files.readString(file).strip());
    if (key.length != 32) {
      throw new IOException(file + " must hold a 256-bit key in hex");
    }
    return new SecretSealer(key);
  }

  public String seal(byte[] plain, String context) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plain);
      return "v1:" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce)
          .put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The plain bytes; IllegalStateException when the value was not sealed by this key for {@code context}. */
  public byte[] open(String sealed, String context) {
    if (sealed == null || !sealed.startsWith("v1:")) {
      throw new IllegalStateException("not a sealed value");
    }
    try {
      byte[] all = Base64.getDecoder().decode(sealed.substring(3));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      c.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return c.doFinal(all, 12, all.length - 12);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the sealed value does not open with this key", e);
    }
  }
}
