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
 * SHA-256 fingerprint on first use), kept in {@code data_dir/tls}, or one uploaded later
 * ({@link #replace}, ADR 0045). Every listener shares one SSLContext whose key manager is swapped
 * on replacement, so the next handshake presents the new certificate without a restart.
 */
public final class ServerCertificate {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerCertificate.class);
  private static final String ALIAS = "vireo";

  /** The identity presented now. */
  private record Current(X509Certificate[] chain, String fingerprint, String source) {}

  private final SSLContext sslContext;
  private final SwappableKeyManager keys;
  private final Path tlsDir;
  private volatile Current current;

  private ServerCertificate(SSLContext sslContext, SwappableKeyManager keys, Path tlsDir, Current current) {
    this.sslContext = sslContext;
    this.keys = keys;
    this.tlsDir = tlsDir;
    this.current = current;
  }

  private X509Certificate certificate() {
    return current.chain()[0];
  }

  /** Subject, issuer, validity and fingerprint of the certificate presented now. */
  public dev.vireo.api.model.ServerCertificateInfo info() {
    Current c = current;
    X509Certificate leaf = c.chain()[0];
    return new dev.vireo.api.model.ServerCertificateInfo(
        X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()).toString(),
        X500Name.getInstance(leaf.getIssuerX500Principal().getEncoded()).toString(), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
        c.fingerprint(), c.chain().length, c.source());
  }

  /**
   * Checks the PEM chain and key ({@link PemIdentity}: 422 naming the field), stores them in place
   * of the current identity (the keystore file is replaced atomically) and presents them from the
   * next handshake on; cached sessions of the old identity are dropped so none resumes with it.
   */
  public synchronized dev.vireo.api.model.ServerCertificateInfo replace(String chainPem, String keyPem)
      throws Exception {
    PemIdentity id = PemIdentity.parse(chainPem, keyPem, Instant.now());
    X509Certificate[] chain = id.chain().toArray(X509Certificate[]::new);
    char[] pass = Files.readString(tlsDir.resolve("keystore-password")).strip().toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, id.key(), pass, chain);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, pass);
    Path tmp = tlsDir.resolve("server.p12.tmp");
    Files.write(tmp, out.toByteArray());
    Files.move(tmp, tlsDir.resolve("server.p12"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(tlsDir.resolve("source"), "UPLOADED\n");
    keys.swap(keyManager(ks, pass));
    javax.net.ssl.SSLSessionContext sessions = sslContext.getServerSessionContext();
    for (java.util.Enumeration<byte[]> e = sessions.getIds(); e.hasMoreElements(); ) {
      javax.net.ssl.SSLSession session = sessions.getSession(e.nextElement());
      if (session != null) {
        session.invalidate();
      }
    }
    String fp = format(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
    Files.writeString(tlsDir.resolve("fingerprint"), fp + "\n");
    current = new Current(chain, fp, "UPLOADED");
    LOG.info("server certificate replaced: {} until {} (SHA-256 {})", chain[0].getSubjectX500Principal().getName(),
        chain[0].getNotAfter().toInstant(), fp);
    return info();
  }

  private static javax.net.ssl.X509ExtendedKeyManager keyManager(KeyStore ks, char[] pass) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    for (javax.net.ssl.KeyManager km : kmf.getKeyManagers()) {
      if (km instanceof javax.net.ssl.X509ExtendedKeyManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509 key manager for the server keystore");
  }

  /** The certificate in PEM, as a client that pins it (virt-viewer's {@code ca}) reads it. */
  public String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(certificate().getEncoded())
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
    return X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded()).toString();
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  /** Upper-case hex pairs separated by colons, as browsers and virt-viewer print them. */
  public String fingerprint() {
    return current.fingerprint();
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
    SwappableKeyManager keys = new SwappableKeyManager(keyManager(ks, pass));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new javax.net.ssl.KeyManager[] {keys}, null, new SecureRandom());
    X509Certificate[] chain = java.util.Arrays.stream(ks.getCertificateChain(ALIAS)).map(c -> (X509Certificate) c)
        .toArray(X509Certificate[]::new);
    String fp = format(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
    Files.writeString(tlsDir.resolve("fingerprint"), fp + "\n");
    Path source = tlsDir.resolve("source");
    return new ServerCertificate(ctx, keys, tlsDir, new Current(chain, fp,
        Files.exists(source) ? Files.readString(source).strip() : "SELF_SIGNED"));
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
    ks.setKeyEntry(ALIAS, keys.getPrivate(), pass.toCharArray(), new java.security.cert.Certificate[] {cert});
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
