package dev.vireo.server.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The authenticated cipher that seals a secret at rest (ADR 0049): AES-256-GCM (the JDK's, the
 * default) or the 国密 block cipher SM4 (GB/T 32907) in GCM mode through Bouncy Castle. Both take the
 * sealing key file's 256 bits, a 96-bit nonce and a 128-bit tag; SM4's 128-bit key is derived from
 * the file's key with HMAC-SM3, so one key file serves both and switching needs no new file.
 */
public enum SealingAlgorithm {
  AES_256_GCM("aes-256-gcm") {
    @Override
    byte[] cipherKey(byte[] sealingKey) {
      return sealingKey.clone();
    }

    @Override
    byte[] apply(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      return c.doFinal(input);
    }
  },
  SM4_GCM("sm4-gcm") {
    /** The first 128 bits of HMAC-SM3 over a fixed label, keyed with the 256-bit sealing key. */
    @Override
    byte[] cipherKey(byte[] sealingKey) {
      HMac mac = new HMac(new SM3Digest());
      mac.init(new KeyParameter(sealingKey));
      mac.update(SM4_KEY_LABEL, 0, SM4_KEY_LABEL.length);
      byte[] out = new byte[mac.getMacSize()];
      mac.doFinal(out, 0);
      return Arrays.copyOf(out, 16);
    }

    @Override
    byte[] apply(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
      GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
      gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
      byte[] out = new byte[gcm.getOutputSize(input.length)];
      int n = gcm.processBytes(input, 0, input.length, out, 0);
      try {
        n += gcm.doFinal(out, n);
      } catch (InvalidCipherTextException e) {
        throw new GeneralSecurityException("SM4-GCM tag mismatch", e);
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    }
  };

  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final byte[] SM4_KEY_LABEL = "vireo seal key for SM4-GCM".getBytes(StandardCharsets.US_ASCII);

  private final String tag;

  SealingAlgorithm(String tag) {
    this.tag = tag;
  }

  /** The name in the server's configuration ({@code [security] sealing}) and in front of each sealed value. */
  public String tag() {
    return tag;
  }

  /** The cipher's key made from the 256-bit sealing key of the key file. */
  abstract byte[] cipherKey(byte[] sealingKey);

  /**
   * Encrypts ({@code encrypt}) or opens {@code input} (ciphertext followed by the tag) with the cipher's
   * {@code key}; a wrong key, nonce, AAD or a changed byte fails.
   */
  abstract byte[] apply(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input)
      throws GeneralSecurityException;

  /** The algorithm of this tag, if there is one. */
  public static Optional<SealingAlgorithm> ofTag(String tag) {
    return Arrays.stream(values()).filter(a -> a.tag.equals(tag)).findFirst();
  }

  /** The algorithm an administrator names (any case); IllegalArgumentException listing the choices. */
  public static SealingAlgorithm named(String name) {
    return ofTag(name == null ? "" : name.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
        new IllegalArgumentException("[security] sealing must be " + AES_256_GCM.tag + " or " + SM4_GCM.tag
            + " (got '" + name + "')"));
  }
}
