package dev.vireo.api.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
  private static final String KEY = "VK0000000000000000AA";
  private static final String SECRET = "secret-secret-secret";

  private static RequestSigner.Input input(String method, String path, String query, String body) {
    return new RequestSigner.Input(method, path, query, "h:1", "20261207T235200Z", "nonce-0001",
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String sig(RequestSigner.Input in) {
    return RequestSigner.sign(KEY, SECRET, in).signature();
  }

  @Test
  void queryIsSortedByNameThenValueAndReEncodedTheSameWhateverTheClientsEncoding() {
    assertEquals("a=1&a=2&b=x%20y&c=", RequestSigner.canonicalQuery("b=x+y&a=2&c&a=1"));
    assertEquals(RequestSigner.canonicalQuery("name=web%2D1%2Fa"), RequestSigner.canonicalQuery("name=web-1/a"));
    assertEquals("name=%E7%BD%91", RequestSigner.canonicalQuery("name=%E7%BD%91"));
    assertEquals("", RequestSigner.canonicalQuery(null));
  }

  @Test
  void pathIsEncodedSegmentBySegmentKeepingSlashes() {
    assertEquals("/api/v1/vms/web%201", RequestSigner.canonicalPath("/api/v1/vms/web 1"));
    assertEquals("/", RequestSigner.canonicalPath(""));
  }

  @Test
  void everySignedPartChangesTheSignature() {
    String base = sig(input("POST", "/api/v1/vms", "a=1", "{}"));
    assertEquals(base, sig(input("post", "/api/v1/vms", "a=1", "{}")), "the method is upper-cased");
    assertNotEquals(base, sig(input("PUT", "/api/v1/vms", "a=1", "{}")));
    assertNotEquals(base, sig(input("POST", "/api/v1/vmz", "a=1", "{}")));
    assertNotEquals(base, sig(input("POST", "/api/v1/vms", "a=2", "{}")));
    assertNotEquals(base, sig(input("POST", "/api/v1/vms", "a=1", "{ }")));
    assertNotEquals(base, sig(new RequestSigner.Input("POST", "/api/v1/vms", "a=1", "h:2", "20261207T235200Z",
        "nonce-0001", "{}".getBytes(StandardCharsets.UTF_8))));
    assertNotEquals(base, sig(new RequestSigner.Input("POST", "/api/v1/vms", "a=1", "h:1", "20261207T235201Z",
        "nonce-0001", "{}".getBytes(StandardCharsets.UTF_8))));
    assertNotEquals(base, sig(new RequestSigner.Input("POST", "/api/v1/vms", "a=1", "h:1", "20261207T235200Z",
        "nonce-0002", "{}".getBytes(StandardCharsets.UTF_8))));
    assertNotEquals(base, RequestSigner.sign(KEY, SECRET + "x", input("POST", "/api/v1/vms", "a=1", "{}")).signature());
  }

  @Test
  void sm3SigningHashesTheBodyAndTheCanonicalRequestWithSm3AndNamesItsScheme() {
    RequestSigner.Input in = input("GET", "/api/v1/ping", null, "");
    RequestSigner.Signed sm3 = RequestSigner.sign(SigningAlgorithm.SM3, KEY, SECRET, in);
    RequestSigner.Signed sha = RequestSigner.sign(KEY, SECRET, in);
    assertTrue(sm3.canonicalRequest().endsWith("\n" + SigningAlgorithm.SM3.digestHex(new byte[0])),
        sm3.canonicalRequest());
    assertTrue(sm3.stringToSign().startsWith("VIREO-HMAC-SM3\n20261207T235200Z\n"), sm3.stringToSign());
    assertTrue(sm3.authorization().startsWith("VIREO-HMAC-SM3 Credential=" + KEY + ", "), sm3.authorization());
    assertEquals(64, sm3.signature().length());
    assertNotEquals(sha.signature(), sm3.signature());
    RequestSigner.Credential c = RequestSigner.parse(sm3.authorization());
    assertEquals(SigningAlgorithm.SM3, c.algorithm());
    assertEquals(sm3.signature(), c.signature());
    assertEquals(SigningAlgorithm.SHA256, RequestSigner.parse(sha.authorization()).algorithm());
    assertTrue(RequestSigner.isSigned(sm3.authorization()));
    // an SM3 header carrying the SHA-256 signature does not verify: the scheme is signed too
    assertFalse(RequestSigner.matches(RequestSigner.sign(c.algorithm(), KEY, SECRET, in).signature(), sha.signature()));
  }

  @Test
  void theHeaderItWritesParsesBack() {
    RequestSigner.Signed s = RequestSigner.sign(KEY, SECRET, input("GET", "/api/v1/ping", null, ""));
    assertTrue(RequestSigner.isSigned(s.authorization()));
    assertFalse(RequestSigner.isSigned("Bearer abc"));
    RequestSigner.Credential c = RequestSigner.parse(s.authorization());
    assertEquals(KEY, c.accessKey());
    assertEquals(s.signature(), c.signature());
    assertTrue(RequestSigner.matches(s.signature(), c.signature().toUpperCase()));
    assertFalse(RequestSigner.matches(s.signature(), "00" + c.signature().substring(2)));
  }

  @Test
  void malformedHeadersAndDatesAreRefusedSayingWhy() {
    var e = assertThrows(IllegalArgumentException.class, () -> RequestSigner.parse(
        "VIREO-HMAC-SHA256 Credential=VK1, SignedHeaders=host, Signature=ab"));
    assertTrue(e.getMessage().contains("SignedHeaders must be host;x-vireo-date;x-vireo-nonce"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RequestSigner.parse("VIREO-HMAC-SHA256 Signature=ab"));
    var d = assertThrows(IllegalArgumentException.class, () -> RequestSigner.parseDate("2026-12-07T23:52:00Z"));
    assertTrue(d.getMessage().contains("20261207T235200Z"), d.getMessage());
    assertEquals(Instant.parse("2026-12-07T23:52:00Z"), RequestSigner.parseDate("20261207T235200Z"));
    assertEquals("20261207T235200Z", RequestSigner.formatDate(Instant.parse("2026-12-07T23:52:00.789Z")));
  }

  @Test
  void hostIsWhatJavaNetHttpSends() {
    assertEquals("127.0.0.1:8443", RequestSigner.hostOf(URI.create("https://127.0.0.1:8443/api/v1/vms")));
    assertEquals("vireo.example", RequestSigner.hostOf(URI.create("https://vireo.example:443/x")));
    assertEquals("vireo.example", RequestSigner.hostOf(URI.create("https://vireo.example/x")));
  }
}
