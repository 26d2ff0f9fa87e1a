package dev.vireo.server.auth.twofactor;

import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.seal.SealingAlgorithm;
import dev.vireo.server.seal.TaggedSealer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seals small secrets (TOTP keys) under a key kept in a root-only file next to the server's other
 * secrets, so a copy of the database alone does not give them away. New values are sealed with the
 * configured algorithm (AES-256-GCM or SM4-GCM, ADR 0049) and tagged with it; values of older
 * versions, {@code v1:<base64 nonce|ciphertext|tag>}, are AES-256-GCM and still open. The account id
 * is the associated data, so a sealed value moved to another account's row does not open.
 */
public final class SecretSealer {
  private static final String LEGACY_AES = "v1:";
  private final TaggedSealer sealer;

  SecretSealer(byte[] key, SealingAlgorithm sealWith) {
    this.sealer = new TaggedSealer(key, sealWith);
  }

  /** The key in {@code file} (hex), created on first use; new values sealed with {@code sealWith}. */
  public static SecretSealer fromKeyFile(Path file, SealingAlgorithm sealWith) throws IOException {
    if (!Files.exists(file)) {
      SecretFiles.write(file, SecretFiles.randomHex(32) + "\n");
    }
    byte[] key = java.util.HexFormat.of().parseHex(Files.readString(file).strip());
    if (key.length != 32) {
      throw new IOException(file + " must hold a 256-bit key in hex");
    }
    return new SecretSealer(key, sealWith);
  }

  public String seal(byte[] plain, String context) {
    return sealer.seal(plain, context);
  }

  /** The plain bytes; IllegalStateException when the value was not sealed by this key for {@code context}. */
  public byte[] open(String sealed, String context) {
    if (sealed != null && sealed.startsWith(LEGACY_AES)) {
      return sealer.open(SealingAlgorithm.AES_256_GCM, sealed.substring(LEGACY_AES.length()), context);
    }
    return sealer.open(sealed, context);
  }
}
