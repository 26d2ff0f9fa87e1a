package dev.vireo.server.tls;

import dev.vireo.server.config.SecretFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS identity: a self-signed certificate created on first start (clients pin its
 * SHA-256 fingerprint on first use), kept in {@code data_dir/tls}.
 */
public final class ServerCertificate {
  private final SSLContext sslContext;
  private final String fingerprint;
  private final X509Certificate certificate;

  private ServerCertificate(SSLContext sslContext, String fingerprint, X509Certificate certificate) {
    this.sslContext = sslContext;
    this.fingerprint = fingerprint;
    this.certificate = certificate;
  }

  /** The certificate in PEM, as a client that pins it (virt-viewer's {@code ca}) reads it. */
  public String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The subject in the certificate's own order, comma-separated ({@code CN=host,O=Vireo appliance}),
   * as SPICE clients compare it ({@code host-subject}); RFC 2253 would list it reversed.
   */
  public String subject() {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  /** Upper-case hex pairs separated by colons, as browsers and virt-viewer print them. */
  public String fingerprint() {
    return fingerprint;
  }

  public static ServerCertificate loadOrCreate(Path tlsDir, String publicUrl) throws Exception {
    Path store = tlsDir.resolve("server.p12");
    Path passFile = tlsDir.resolve("keystore-password");
    if (!Files.exists(store)) {
      create(store, passFile, publicUrl);
    }
    char[] pass = Files.readString(passFile).strip().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
    X509Certificate cert = (X509Certificate) ks.getCertificate("vireo");
    String fp = format(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    Files.writeString(tlsDir.resolve("fingerprint"), fp + "\n");
    return new ServerCertificate(ctx, fp, cert);
  }

  static String format(byte[] digest) {
    String hex = HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  private static void create(Path store, Path passFile, String publicUrl) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    KeyPair keys = gen.generateKeyPair();
    String host = InetAddress.getLocalHost().getHostName();
    X500Name subject = new X500Name("CN=" + host + ",O=Vireo appliance");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
        new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
    builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans(host, publicUrl)));
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    String pass = SecretFiles.randomHex(16);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("vireo", keys.getPrivate(), pass.toCharArray(), new java.security.cert.Certificate[] {cert});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, pass.toCharArray());
    SecretFiles.write(passFile, pass + "\n");
    Files.createDirectories(store.getParent());
    Path tmp = store.resolveSibling("server.p12.tmp");
    Files.write(tmp, out.toByteArray());
    Files.move(tmp, store, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static GeneralName[] sans(String host, String publicUrl) {
    Set<String> dns = new LinkedHashSet<>(List.of("localhost", host));
    Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    String publicHost = URI.create(publicUrl).getHost();
    if (publicHost != null) {
      (publicHost.matches("[0-9.]+|.*:.*") ? ips : dns).add(publicHost.replaceAll("[\\[\\]]", ""));
    }
    List<GeneralName> names = new ArrayList<>();
    dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(i -> names.add(new GeneralName(GeneralName.iPAddress, i)));
    return names.toArray(GeneralName[]::new);
  }

}
