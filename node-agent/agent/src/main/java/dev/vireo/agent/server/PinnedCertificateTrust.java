package dev.vireo.agent.server;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate, by SHA-256 fingerprint. Being an extended trust manager, it
 * replaces hostname verification too: the pin is stronger than a name.
 */
public final class PinnedCertificateTrust extends X509ExtendedTrustManager {
  private final String fingerprint;

  private PinnedCertificateTrust(String fingerprint) {
    this.fingerprint = normalize(fingerprint);
  }

  public static SSLContext sslContext(String fingerprint) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {new PinnedCertificateTrust(fingerprint)}, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("TLS unavailable", e);
    }
  }

  static String normalize(String fp) {
    return fp.replace(":", "").strip().toLowerCase(Locale.ROOT);
  }

  static String fingerprintOf(X509Certificate cert) throws CertificateException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new CertificateException(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no server certificate");
    }
    String actual = fingerprintOf(chain[0]);
    if (fingerprint.isEmpty() || !fingerprint.equals(actual)) {
      throw new CertificateException("server certificate fingerprint mismatch: expected "
          + (fingerprint.isEmpty() ? "(none configured)" : fingerprint) + " got " + actual);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
