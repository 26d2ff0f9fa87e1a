package dev.vireo.client.console.rfb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** VNC authentication (RFC 6143 7.2.2): the challenge encrypted with DES, the key the password's bytes bit-reversed. */
final class VncAuth {
  private VncAuth() {}

  static byte[] response(String password, byte[] challenge) {
    byte[] key = new byte[8];
    byte[] pw = password.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 8 && i < pw.length; i++) {
      key[i] = (byte) (Integer.reverse(pw[i] & 0xff) >>> 24);
    }
    try {
      Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
      des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
      return des.doFinal(challenge);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("DES is not available", e);
    }
  }
}
