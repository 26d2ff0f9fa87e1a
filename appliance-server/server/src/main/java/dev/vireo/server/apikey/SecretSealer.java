package dev.vireo.server.apikey;

import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.seal.SealingAlgorithm;
import dev.vireo.server.seal.TaggedSealer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Seals API key secrets under a key kept in a root-only file next to the server's other secrets
 * (ADR 0042): a copy of the database alone yields no usable secret. Secrets are sealed, not hashed,
 * because verifying an HMAC needs the secret itself. New values are sealed with the configured
 * algorithm (AES-256-GCM or SM4-GCM, ADR 0049) and tagged with it; untagged values of older
 * versions are AES-256-GCM and still open.
 */
public final class SecretSealer {
  private final TaggedSealer sealer;

  SecretSealer(byte[] key, SealingAlgorithm sealWith) {
    this.sealer = new TaggedSealer(key, sealWith);
  }

  /** The sealer of {@code file}, created with a fresh random key on first start; new values with {@code sealWith}. */
  public static SecretSealer fromFile(Path file, SealingAlgorithm sealWith) throws IOException {
    return new SecretSealer(HexFormat.of().parseHex(SecretFiles.readOrCreateToken(file)), sealWith);
  }

  /** The tagged sealed form; {@code context} (the access key) is bound as associated data. */
  public String seal(String secret, String context) {
    return sealer.seal(secret.getBytes(StandardCharsets.UTF_8), context);
  }

  /** The secret sealed by {@link #seal} with the same context; IllegalStateException when tampered with. */
  public String open(String sealed, String context) {
    try {
      byte[] plain = TaggedSealer.isTagged(sealed) ? sealer.open(sealed, context)
          : sealer.open(SealingAlgorithm.AES_256_GCM, sealed, context);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("a sealed API key secret cannot be opened (wrong key file or tampered row)");
    }
  }
}
