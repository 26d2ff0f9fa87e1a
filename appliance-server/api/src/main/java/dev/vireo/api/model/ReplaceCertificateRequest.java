package dev.vireo.api.model;

/**
 * A new server certificate: the chain in PEM (the server's certificate first, then its
 * intermediates) and its private key in PEM (PKCS#8, or a PKCS#1 RSA / SEC1 EC key).
 */
public record ReplaceCertificateRequest(String certificateChain, String privateKey) {

  /** Without the key: a request may end up in a log line. */
  @Override
  public String toString() {
    return "ReplaceCertificateRequest[certificateChain=" + (certificateChain == null ? "null"
        : certificateChain.length() + " chars") + ", privateKey=" + (privateKey == null ? "null" : "***") + "]";
  }
}
