package dev.vireo.api.client;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server certificate if and only if its fingerprint equals the pinned one. It extends
 * {@link X509ExtendedTrustManager} so the JDK does not add its own host name check: the pin
 * already identifies the server, which users often reach by an IP address not in the certificate.
 */
class PinnedTrustManager extends X509ExtendedTrustManager {
  private final String pinned;

  PinnedTrustManager(String pinned) {
    this.pinned = pinned;
  }

  void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    String presented = PinnedTrust.fingerprintOf(chain[0]);
    if (!presented.equals(pinned)) {
      throw new PinMismatch(new FingerprintMismatchException(presented, pinned));
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** Carries the mismatch through the JDK's handshake exceptions so the caller can report it. */
  static final class PinMismatch extends CertificateException {
    private final transient FingerprintMismatchException mismatch;

    PinMismatch(FingerprintMismatchException mismatch) {
      super(mismatch.getMessage());
      this.mismatch = mismatch;
    }

    FingerprintMismatchException mismatch() {
      return mismatch;
    }
  }
}
