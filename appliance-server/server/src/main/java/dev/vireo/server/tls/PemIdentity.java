package dev.vireo.server.tls;

import dev.vireo.server.http.ApiException;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An uploaded TLS identity, checked before it replaces the server's (ADR 0045): the chain parses
 * as PEM certificates, the key as a PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted),
 * the key signs what the first certificate's public key verifies, and every certificate of the
 * chain is valid now. Each refusal is a 422 naming the field and the rule.
 */
record PemIdentity(List<X509Certificate> chain, PrivateKey key) {
  static final String CHAIN = "certificateChain";
  static final String KEY = "privateKey";
  private static final int MAX_CHAIN = 10;

  static PemIdentity parse(String chainPem, String keyPem, Instant now) {
    List<X509Certificate> chain = certificates(chainPem);
    PrivateKey key = privateKey(keyPem);
    for (X509Certificate c : chain) {
      if (now.isAfter(c.getNotAfter().toInstant())) {
        throw ApiException.invalid(CHAIN, "certificate " + c.getSubjectX500Principal().getName() + " expired at "
            + c.getNotAfter().toInstant());
      }
      if (now.isBefore(c.getNotBefore().toInstant())) {
        throw ApiException.invalid(CHAIN, "certificate " + c.getSubjectX500Principal().getName()
            + " is not valid before " + c.getNotBefore().toInstant());
      }
    }
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw ApiException.invalid(KEY, "does not match the first certificate of the chain ("
          + chain.get(0).getSubjectX500Principal().getName() + ")");
    }
    return new PemIdentity(List.copyOf(chain), key);
  }

  private static List<X509Certificate> certificates(String pem) {
    if (pem == null || pem.isBlank()) {
      throw ApiException.invalid(CHAIN, "is required (PEM, the server's certificate first)");
    }
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (!(o instanceof X509CertificateHolder h)) {
          throw ApiException.invalid(CHAIN, "must hold only CERTIFICATE blocks (found " + o.getClass().getSimpleName()
              + ")");
        }
        out.add(new JcaX509CertificateConverter().getCertificate(h));
        if (out.size() > MAX_CHAIN) {
          throw ApiException.invalid(CHAIN, "must hold at most " + MAX_CHAIN + " certificates");
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      throw ApiException.invalid(CHAIN, "is not a PEM certificate chain: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw ApiException.invalid(CHAIN, "holds no -----BEGIN CERTIFICATE----- block");
    }
    return out;
  }

  private static PrivateKey privateKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw ApiException.invalid(KEY, "is required (PEM, unencrypted)");
    }
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo()); // a SEC1 EC key may carry no public key
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw ApiException.invalid(KEY, "must be an unencrypted PEM private key (PRIVATE KEY, RSA PRIVATE KEY or"
          + " EC PRIVATE KEY)" + (o == null ? "" : "; found " + o.getClass().getSimpleName()));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      throw ApiException.invalid(KEY, "is not a PEM private key: " + e.getMessage());
    }
  }

  /** Whether the key signs what the public key verifies (RSA, EC, Ed25519/Ed448). */
  static boolean matches(PrivateKey key, PublicKey pub) {
    if (!key.getAlgorithm().equals(pub.getAlgorithm())
        && !(key.getAlgorithm().startsWith("EC") && pub.getAlgorithm().startsWith("EC"))) {
      return false;
    }
    String alg = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> throw ApiException.invalid(KEY, "has the unsupported algorithm " + key.getAlgorithm()
          + " (RSA, EC or EdDSA)");
    };
    try {
      byte[] data = new byte[32];
      new SecureRandom().nextBytes(data);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(data);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(pub);
      v.update(data);
      return v.verify(sig);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
