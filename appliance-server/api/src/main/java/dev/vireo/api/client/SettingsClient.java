package dev.vireo.api.client;

import dev.vireo.api.model.DeletionPolicySettings;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.api.model.ReplaceCertificateRequest;
import dev.vireo.api.model.ServerCertificateInfo;
import java.util.Map;

/** Platform settings (ADR 0045): disks, the deletion policy and the server certificate; from {@link VireoClient#settings()}. */
public final class SettingsClient {
  private static final String V1 = "/api/v1/settings";
  private final HttpTransport http;

  SettingsClient(HttpTransport http) {
    this.http = http;
  }

  public DiskSettings diskSettings() {
    return http.send("GET", V1 + "/disks", null, Map.of(), http.type(DiskSettings.class));
  }

  /** A null field keeps its value; switching QoS answers the re-application job as {@code qosJobId}. */
  public DiskSettings setDiskSettings(DiskSettings settings) {
    return http.send("PUT", V1 + "/disks", settings, Map.of(), http.type(DiskSettings.class));
  }

  public DeletionPolicySettings deletionPolicy() {
    return http.send("GET", V1 + "/deletion-policy", null, Map.of(), http.type(DeletionPolicySettings.class));
  }

  /** While deletion is forbidden every delete operation answers 409 {@code deletion_forbidden}. */
  public DeletionPolicySettings setDeletionForbidden(boolean forbidden) {
    return http.send("PUT", V1 + "/deletion-policy", new DeletionPolicySettings(forbidden), Map.of(),
        http.type(DeletionPolicySettings.class));
  }

  public ServerCertificateInfo tlsCertificate() {
    return http.send("GET", V1 + "/tls-certificate", null, Map.of(), http.type(ServerCertificateInfo.class));
  }

  /**
   * Replaces the server's certificate (PEM chain, server certificate first, and its PEM key). This
   * client pinned the old fingerprint: connect a new one with the answered {@code sha256Fingerprint}.
   */
  public ServerCertificateInfo replaceTlsCertificate(String certificateChainPem, String privateKeyPem) {
    return http.send("PUT", V1 + "/tls-certificate", new ReplaceCertificateRequest(certificateChainPem,
        privateKeyPem), Map.of(), http.type(ServerCertificateInfo.class));
  }
}
