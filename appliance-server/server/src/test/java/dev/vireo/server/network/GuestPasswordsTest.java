package dev.vireo.server.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

class GuestPasswordsTest {
  @Test
  void hashesWithSha512CryptAndARandomSalt() {
    String hash = GuestPasswords.hash("correct horse");
    assertTrue(hash.startsWith("$6$"), hash);
    assertNotEquals(hash, GuestPasswords.hash("correct horse"), "a fresh salt each time");
    // verifying: crypt with the stored hash as salt gives the hash again (what /etc/shadow does)
    assertEquals(hash, Sha2Crypt.sha512Crypt("correct horse".getBytes(StandardCharsets.UTF_8), hash));
  }

  @Test
  void matchesTheSha512CryptSpecTestVector() {
    // Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", test vector 1 for SHA-512
    assertEquals("$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        Sha2Crypt.sha512Crypt("Hello world!".getBytes(StandardCharsets.UTF_8), "$6$saltstring"));
  }

  @Test
  void refusesShortPasswordsAndLineBreaks() {
    assertEquals(422, assertThrows(ApiException.class, () -> GuestPasswords.hash("short")).status());
    assertEquals(422, assertThrows(ApiException.class, () -> GuestPasswords.hash("two\nlines!")).status());
  }
}
