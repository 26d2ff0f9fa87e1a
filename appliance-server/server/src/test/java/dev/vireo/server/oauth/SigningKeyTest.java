package dev.vireo.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir
  Path dir;

  @Test
  void theKeyIsMadeOnceOwnerOnlyAndReloadedTheSameAfterARestart() throws Exception {
    Path file = dir.resolve("oauth-signing-key.pem");
    SigningKey first = SigningKey.loadOrCreate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----"));
    SigningKey again = SigningKey.loadOrCreate(file);
    assertEquals(first.jwks(), again.jwks(), "a restart publishes the same key");
  }

  @Test
  @SuppressWarnings("unchecked")
  void signsRs256ThatTheJwkVerifies() throws Exception {
    SigningKey key = SigningKey.loadOrCreate(dir.resolve("k.pem"));
    String jwt = key.sign(Map.of("sub", "acc-admin"));
    String[] parts = jwt.split("\\.");
    Map<String, Object> jwk = ((List<Map<String, Object>>) key.jwks().get("keys")).get(0);
    RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")))));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(pub);
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])));
    assertEquals(2048, pub.getModulus().bitLength());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRotationPublishesTheOldKeyBesideTheNewOneAndARestartReadsBoth() throws Exception {
    Path file = dir.resolve("oauth-signing-key.pem");
    SigningKeys keys = new SigningKeys(file);
    String first = keys.current().keyId();
    assertEquals(1, ((List<?>) keys.jwks().get("keys")).size());
    var rotated = keys.rotate();
    assertEquals(first, rotated.previousKeyId());
    assertEquals(rotated.keyId(), keys.current().keyId());
    SigningKeys restarted = new SigningKeys(file);
    assertEquals(keys.jwks(), restarted.jwks(), "a restart publishes the same two keys");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("oauth-signing-key.pem.previous"))));
    restarted.rotate();
    List<Map<String, Object>> published = (List<Map<String, Object>>) restarted.jwks().get("keys");
    assertEquals(List.of(restarted.current().keyId(), rotated.keyId()), published.stream().map(k -> k.get("kid")).toList(),
        "the first key is dropped at the second rotation");
  }

  @Test
  void aRotationCutShortLeavesTheOldKeysInForce() throws Exception {
    Path file = dir.resolve("oauth-signing-key.pem");
    SigningKeys keys = new SigningKeys(file);
    String current = keys.current().keyId();
    // the crash came after the new key was written aside and the current one copied to "previous"
    SigningKey.create(dir.resolve("oauth-signing-key.pem.next"));
    Files.copy(file, dir.resolve("oauth-signing-key.pem.previous"));
    SigningKeys after = new SigningKeys(file);
    assertEquals(current, after.current().keyId());
    assertEquals(1, ((List<?>) after.jwks().get("keys")).size(), "the same key is not published twice");
    assertTrue(Files.notExists(dir.resolve("oauth-signing-key.pem.next")), "the half-made key is thrown away");
  }
}
