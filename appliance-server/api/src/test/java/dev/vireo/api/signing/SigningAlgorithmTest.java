package dev.vireo.api.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SM3 (Bouncy Castle's, the JDK has none) gives the standard's vectors; HMAC-SM3 matches OpenSSL's. */
class SigningAlgorithmTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sm3HashesTheStandardsExamples() {
    // GB/T 32905-2016, appendix A, examples 1 and 2
    assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
        SigningAlgorithm.SM3.digestHex(utf8("abc")));
    assertEquals("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
        SigningAlgorithm.SM3.digestHex(utf8("abcd".repeat(16))));
    assertEquals("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
        SigningAlgorithm.SM3.digestHex(new byte[0]), "of nothing: the hash of a request without a body");
  }

  @Test
  void hmacSm3MatchesOpenSslAndHmacSha256TheRfc4231Vector() {
    // printf abc | openssl dgst -sm3 -hmac key  (OpenSSL 3.0)
    assertEquals("28e63256e7c5a087b1f073265dc53092163f7b82729735d06f28f10af9d52393",
        HexFormat.of().formatHex(SigningAlgorithm.SM3.hmac(utf8("key"), utf8("abc"))));
    // RFC 4231 test case 2
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        HexFormat.of().formatHex(SigningAlgorithm.SHA256.hmac(utf8("Jefe"), utf8("what do ya want for nothing?"))));
  }

  @Test
  void theHeadersSchemeNamesTheAlgorithmAndUsersMayNameItShort() {
    assertEquals(Optional.of(SigningAlgorithm.SM3), SigningAlgorithm.ofAuthorization("VIREO-HMAC-SM3 Credential=x"));
    assertEquals(Optional.of(SigningAlgorithm.SHA256),
        SigningAlgorithm.ofAuthorization("vireo-hmac-sha256 Credential=x"));
    assertEquals(Optional.empty(), SigningAlgorithm.ofAuthorization("VIREO-HMAC-SM3X Credential=x"));
    assertEquals(Optional.empty(), SigningAlgorithm.ofAuthorization("Bearer abc"));
    assertEquals(SigningAlgorithm.SM3, SigningAlgorithm.named("sm3"));
    assertEquals(SigningAlgorithm.SM3, SigningAlgorithm.named("HMAC-SM3"));
    assertEquals(SigningAlgorithm.SM3, SigningAlgorithm.named("VIREO-HMAC-SM3"));
    assertEquals(SigningAlgorithm.SHA256, SigningAlgorithm.named("sha-256"));
    var e = assertThrows(IllegalArgumentException.class, () -> SigningAlgorithm.named("md5"));
    assertTrue(e.getMessage().contains("SHA256") && e.getMessage().contains("SM3"), e.getMessage());
  }
}
