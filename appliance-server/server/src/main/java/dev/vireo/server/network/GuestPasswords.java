package dev.vireo.server.network;

import dev.vireo.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * A VM's initial password (white paper 4.4), kept only as a SHA-512 crypt hash ({@code $6$salt$...}),
 * the form cloud-init's {@code chpasswd} and {@code /etc/shadow} take as is.
 */
public final class GuestPasswords {
  private GuestPasswords() {}

  /** The hash of a password of 8-72 printable characters, or null for none. */
  public static String hash(String password) {
    if (password == null) {
      return null;
    }
    if (password.length() < 8 || password.length() > 72) {
      throw ApiException.invalid("password", "must be 8-72 characters (got " + password.length() + ")");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid("password", "must not contain control characters or line breaks");
    }
    return Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8));
  }
}
