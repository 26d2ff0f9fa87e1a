package dev.vireo.api.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * TLS trust for the appliance's self-signed certificate: exactly the certificate whose SHA-256
 * fingerprint the user pinned on first use is trusted, whatever host name it was reached by.
 */
public final class PinnedTrust {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private PinnedTrust() {}

  /** An SSL context trusting only the certificate with this fingerprint. */
  public static SSLContext sslContext(String fingerprint) {
    return context(new PinnedTrustManager(normalize(fingerprint)));
  }

  /**
   * The fingerprint as {@code AA:BB:..} (upper-case hex pairs with colons, as the server prints
   * it); accepts any case, with or without colons or spaces.
   *
   * @throws IllegalArgumentException unless it is 32 bytes of hex
   */
  public static String normalize(String fingerprint) {
    if (fingerprint == null) {
      throw new IllegalArgumentException("no fingerprint given");
    }
    String hex = fingerprint.strip().replaceAll("[:\\s]", "").toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint (64 hex digits, colons optional): "
          + fingerprint);
    }
    return colons(hex);
  }

  /** The SHA-256 fingerprint of a certificate's DER encoding, normalised. */
  public static String fingerprintOf(Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return colons(HexFormat.of().withUpperCase().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /**
   * Connects once, trusting any certificate, and returns the server certificate's fingerprint:
   * the trust-on-first-use step, whose result the user should compare with the appliance console.
   *
   * @throws ServerUnreachableException if the TLS handshake does not complete
   */
  public static String fetchFingerprint(URI server) {
    int port = server.getPort() == -1 ? 443 : server.getPort();
    AcceptAnyTrustManager anything = new AcceptAnyTrustManager();
    try (SSLSocket socket = (SSLSocket) context(anything).getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(server.getHost(), port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
      socket.startHandshake();
      Certificate[] chain = socket.getSession().getPeerCertificates();
      return fingerprintOf(chain[0]);
    } catch (IOException e) {
      throw Failures.unreachable(server, e);
    }
  }

  private static String colons(String hex) {
    StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  private static SSLContext context(TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  /** Used only to read the fingerprint on first use; nothing is sent over such a connection. */
  private static final class AcceptAnyTrustManager extends PinnedTrustManager {
    AcceptAnyTrustManager() {
      super(null);
    }

    @Override
    void check(X509Certificate[] chain) {
      // trust on first use: the caller shows the fingerprint to the user and pins it
    }
  }
}
