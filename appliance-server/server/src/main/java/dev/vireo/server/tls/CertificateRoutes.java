package dev.vireo.server.tls;

import dev.vireo.api.model.ReplaceCertificateRequest;
import dev.vireo.api.model.ServerCertificateInfo;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.nio.file.Path;

/**
 * GET/PUT /api/v1/settings/tls-certificate (ADR 0045): the certificate the HTTPS listener, the
 * console gateway and the SPICE proxy present, and its replacement by an uploaded PEM chain and
 * key, live: the next TLS handshake presents the new one. Clients that pinned the old fingerprint
 * must pin the new one (the answer carries it).
 */
public final class CertificateRoutes {
  private final ServerCertificate certificate;
  private final Path fingerprintFile;

  /** {@code fingerprintFile}: {@code data_dir/fingerprint}, rewritten on replacement. */
  public CertificateRoutes(ServerCertificate certificate, Path fingerprintFile) {
    this.certificate = certificate;
    this.fingerprintFile = fingerprintFile;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/settings/tls-certificate", Access.USER, r -> Response.ok(certificate.info()))
        .put("/api/v1/settings/tls-certificate", Access.USER, this::replace);
  }

  private Response replace(Request r) throws Exception {
    ReplaceCertificateRequest req = r.json(ReplaceCertificateRequest.class);
    if (req == null) {
      throw ApiException.invalid(PemIdentity.CHAIN, "is required (PEM, the server's certificate first)");
    }
    ServerCertificateInfo info = certificate.replace(req.certificateChain(), req.privateKey());
    SecretFiles.write(fingerprintFile, info.sha256Fingerprint() + "\n");
    r.note().remark("server certificate replaced: " + info.subject() + ", SHA-256 " + info.sha256Fingerprint());
    return Response.ok(info);
  }
}
