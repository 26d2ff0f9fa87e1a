package dev.vireo.server.auth.twofactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {
  private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512_SEED = ("12345678901234567890123456789012345678901234567890123456789012"
      + "34").getBytes(StandardCharsets.US_ASCII);
  private static final long[] TIMES = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};

  private static void vectors(byte[] seed, String algorithm, String... expected) {
    for (int i = 0; i < TIMES.length; i++) {
      assertEquals(expected[i], Totp.code(seed, Totp.step(Instant.ofEpochSecond(TIMES[i])), 8, algorithm),
          algorithm + " at T=" + TIMES[i]);
    }
  }

  @Test
  void matchesTheTestVectorsOfRfc6238AppendixB() {
    vectors(SHA1_SEED, "HmacSHA1", "94287082", "07081804", "14050471", "89005924", "69279037", "65353130");
    vectors(SHA256_SEED, "HmacSHA256", "46119246", "68084774", "67062674", "91819424", "90698825", "77737706");
    vectors(SHA512_SEED, "HmacSHA512", "90693936", "25091201", "99943326", "93441116", "38618901", "47863826");
  }

  @Test
  void sixDigitCodesAreTheHotpValuesOfRfc4226AppendixD() {
    String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
        "520489"};
    for (int counter = 0; counter < expected.length; counter++) {
      assertEquals(expected[counter], Totp.code(SHA1_SEED, counter), "counter " + counter);
    }
  }

  @Test
  void stepsAreThirtySecondsFromTheEpoch() {
    assertEquals(0, Totp.step(Instant.ofEpochSecond(29)));
    assertEquals(1, Totp.step(Instant.ofEpochSecond(30)));
    assertEquals(37037037, Totp.step(Instant.ofEpochSecond(1111111111L)));
  }

  @Test
  void base32RoundTripsAndMatchesRfc4648() {
    assertEquals("MZXW6YTB", Totp.base32("fooba".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("MZXW6YTBOI", Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
    byte[] secret = Totp.newSecret();
    assertEquals(20, secret.length);
    assertEquals(32, Totp.base32(secret).length());
    assertArrayEquals(secret, Totp.fromBase32(Totp.base32(secret)));
    assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Totp.fromBase32("MZXW6YTBOI======"));
  }

  @Test
  void theUriIsTheKeyUriFormatAuthenticatorAppsRead() {
    String uri = Totp.uri("Vireo", "ops@example.com", SHA1_SEED);
    assertEquals("otpauth://totp/Vireo:ops%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Vireo"
        + "&algorithm=SHA1&digits=6&period=30", uri);
    assertTrue(QrCode.encode(uri).version() <= 10);
  }
}
