package dev.vireo.server.oauth;

import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RSA key that signs ID tokens (RS256, RFC 7518), made on first start and kept as a PKCS#8
 * secret file next to the server's other secrets, so tokens stay verifiable across restarts.
 * Only JDK crypto.
 */
public final class SigningKey {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  private SigningKey(RSAPrivateCrtKey privateKey) throws Exception {
    this.privateKey = privateKey;
    this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(unsigned(publicKey.getModulus()));
    this.keyId = B64URL.encodeToString(digest).substring(0, 16);
  }

  /** The key in {@code file}, or a new 2048-bit key written there (owner-only) when it does not exist. */
  public static SigningKey loadOrCreate(Path file) throws Exception {
    return Files.exists(file) ? load(file) : create(file);
  }

  /** The key in the PKCS#8 PEM {@code file}. */
  static SigningKey load(Path file) throws Exception {
    String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return new SigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
  }

  /** A new 2048-bit key, written to {@code file} (owner-only, atomically) before it is answered. */
  static SigningKey create(Path file) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) gen.generateKeyPair().getPrivate();
    SecretFiles.write(file, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return new SigningKey(key);
  }

  /** A compact JWS of {@code claims}, RS256 with this key's {@code kid}. */
  String sign(Map<String, Object> claims) {
    try {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("alg", "RS256");
      header.put("typ", "JWT");
      header.put("kid", keyId);
      String input = B64URL.encodeToString(Json.write(header)) + "." + B64URL.encodeToString(Json.write(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(privateKey);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64URL.encodeToString(rsa.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an ID token", e);
    }
  }

  /** The {@code kid} its tokens carry: the start of the SHA-256 of its modulus. */
  String keyId() {
    return keyId;
  }

  /** The public half as a JWK Set (RFC 7517). */
  Map<String, Object> jwks() {
    return Map.of("keys", List.of(jwk()));
  }

  /** The public half as a JWK (RFC 7517). */
  Map<String, Object> jwk() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("kid", keyId);
    jwk.put("n", B64URL.encodeToString(unsigned(publicKey.getModulus())));
    jwk.put("e", B64URL.encodeToString(unsigned(publicKey.getPublicExponent())));
    return jwk;
  }

  /** A big integer's magnitude without the sign byte Java adds (RFC 7518 6.3.1). */
  private static byte[] unsigned(BigInteger n) {
    byte[] b = n.toByteArray();
    return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }
}
