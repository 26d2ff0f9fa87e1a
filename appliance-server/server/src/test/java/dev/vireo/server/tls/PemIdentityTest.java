package dev.vireo.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class PemIdentityTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private record Made(String chain, String pkcs8, String traditional, KeyPair keys) {}

  private static Made make(String type, Instant from, Instant to) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance(type);
    gen.initialize(type.equals("RSA") ? 2048 : 256);
    KeyPair keys = gen.generateKeyPair();
    X500Name name = new X500Name("CN=test");
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
        BigInteger.ONE, Date.from(from), Date.from(to), name, keys.getPublic()).build(new JcaContentSignerBuilder(
        type.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA").build(keys.getPrivate())));
    java.io.StringWriter traditional = new java.io.StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(traditional)) {
      w.writeObject(keys.getPrivate()); // "RSA PRIVATE KEY" / "EC PRIVATE KEY"
    }
    return new Made(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
        traditional.toString(), keys);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static Made valid(String type) throws Exception {
    return make(type, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
  }

  private static void refused(String field, String words, Runnable r) {
    ApiException e = assertThrows(ApiException.class, r::run);
    assertEquals(422, e.status());
    assertEquals(field, e.field());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void acceptsEcAndRsaKeysInPkcs8AndRsaInPkcs1() throws Exception {
    for (String type : new String[] {"EC", "RSA"}) {
      Made m = valid(type);
      assertEquals(1, PemIdentity.parse(m.chain(), m.pkcs8(), NOW).chain().size());
    }
    Made rsa = valid("RSA");
    assertTrue(rsa.traditional().contains("BEGIN RSA PRIVATE KEY"), rsa.traditional());
    assertEquals("RSA", PemIdentity.parse(rsa.chain(), rsa.traditional(), NOW).key().getAlgorithm());
  }

  @Test
  void refusesAKeyOfAnotherCertificate() throws Exception {
    Made a = valid("EC");
    Made b = valid("EC");
    refused("privateKey", "does not match", () -> PemIdentity.parse(a.chain(), b.pkcs8(), NOW));
    Made rsa = valid("RSA");
    refused("privateKey", "does not match", () -> PemIdentity.parse(a.chain(), rsa.pkcs8(), NOW));
  }

  @Test
  void refusesExpiredAndNotYetValidCertificates() throws Exception {
    Made old = make("EC", NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofSeconds(1)));
    refused("certificateChain", "expired", () -> PemIdentity.parse(old.chain(), old.pkcs8(), NOW));
    Made later = make("EC", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    refused("certificateChain", "not valid before", () -> PemIdentity.parse(later.chain(), later.pkcs8(), NOW));
  }

  @Test
  void refusesWhatIsNotPem() throws Exception {
    Made m = valid("EC");
    refused("certificateChain", "required", () -> PemIdentity.parse(null, m.pkcs8(), NOW));
    refused("certificateChain", "CERTIFICATE", () -> PemIdentity.parse("hello", m.pkcs8(), NOW));
    refused("certificateChain", "only CERTIFICATE", () -> PemIdentity.parse(m.chain() + m.pkcs8(), m.pkcs8(), NOW));
    refused("privateKey", "required", () -> PemIdentity.parse(m.chain(), " ", NOW));
    refused("privateKey", "PEM private key", () -> PemIdentity.parse(m.chain(), m.chain(), NOW));
  }
}
