package dev.vireo.tests.support;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** PEM certificates and keys for the certificate-replacement tests. */
public final class Pem {
  /** A certificate chain (leaf first) and its key, in PEM, and the leaf's SHA-256 fingerprint. */
  public record Identity(String chain, String key, String fingerprint) {}

  private Pem() {}

  /** A self-signed EC or RSA certificate for localhost valid from {@code from} to {@code to}. */
  public static Identity selfSigned(String cn, String keyType, Instant from, Instant to) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance(keyType);
    gen.initialize(keyType.equals("RSA") ? 2048 : 256);
    KeyPair keys = gen.generateKeyPair();
    X500Name subject = new X500Name("CN=" + cn + ",O=Vireo test");
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
        Date.from(from), Date.from(to), subject, keys.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(
        new JcaContentSignerBuilder(keyType.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
            .build(keys.getPrivate())));
    return new Identity(pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
        fingerprint(cert));
  }

  /** Valid from yesterday for a year. */
  public static Identity selfSigned(String cn) throws Exception {
    Instant now = Instant.now();
    return selfSigned(cn, "EC", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }

  /** The identity a server presents now, read from its keystore in {@code dataDir/tls}. */
  public static Identity ofServer(Path dataDir) throws Exception {
    Path tls = dataDir.resolve("tls");
    char[] pass = Files.readString(tls.resolve("keystore-password")).strip().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.resolve("server.p12"))) {
      ks.load(in, pass);
    }
    Key key = ks.getKey("vireo", pass);
    StringBuilder chain = new StringBuilder();
    for (Certificate c : ks.getCertificateChain("vireo")) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    return new Identity(chain.toString(), pem("PRIVATE KEY", key.getEncoded()),
        fingerprint((X509Certificate) ks.getCertificateChain("vireo")[0]));
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** As the server prints it: upper-case hex pairs with colons. */
  public static String fingerprint(X509Certificate c) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()))
        .toUpperCase(Locale.ROOT);
    return hex.replaceAll("(..)(?!$)", "$1:");
  }
}
