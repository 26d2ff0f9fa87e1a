package dev.vireo.cli;

import dev.vireo.api.model.DeletionPolicySettings;
import dev.vireo.api.model.DiskSettings;
import dev.vireo.api.model.ServerCertificateInfo;
import dev.vireo.api.model.SmtpTestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Platform settings ({@code vireo settings ...}), ADR 0045. */
final class SettingsCommands {
  private final Session session;
  private final Output out;

  SettingsCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> rest) {
    switch (verb) {
      case "disks" -> disks(Args.parse(rest, Set.of("qos", "max-snapshots"), Set.of()));
      case "deletion-policy" -> deletion(Args.parse(rest, Set.of(), Set.of("forbid", "allow")));
      case "tls-certificate" -> certificate(Args.parse(rest, Set.of("chain", "key"), Set.of()));
      case "smtp-test" -> smtpTest(Args.parse(rest, Set.of("to"), Set.of()));
      default -> throw new UsageException("unknown command 'settings " + verb + "'");
    }
  }

  private void disks(Args args) {
    String qos = args.value("qos");
    Integer max = args.integer("max-snapshots", 1, 5);
    DiskSettings s;
    if (qos == null && max == null) {
      s = session.client().settings().diskSettings();
    } else {
      Boolean on = qos == null ? null : switch (qos.toLowerCase(java.util.Locale.ROOT)) {
        case "on" -> Boolean.TRUE;
        case "off" -> Boolean.FALSE;
        default -> throw new UsageException("--qos must be on or off, got '" + qos + "'");
      };
      s = session.client().settings().setDiskSettings(new DiskSettings(on, max));
      if (s.qosJobId() != null) {
        Session.succeeded(session.client().waitForJob(s.qosJobId(), Session.DEFAULT_WAIT));
      }
    }
    DiskSettings shown = s;
    out.result(s, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("disk QoS", Boolean.TRUE.equals(shown.qosEnabled()) ? "on" : "off (nothing is limited)");
      f.put("snapshots per disk", String.valueOf(shown.maxSnapshotsPerDisk()));
      if (shown.qosJobId() != null) {
        f.put("re-applied by job", shown.qosJobId());
      }
      out.fields(f);
    });
  }

  private void deletion(Args args) {
    if (args.flag("forbid") && args.flag("allow")) {
      throw new UsageException("--forbid and --allow exclude each other");
    }
    DeletionPolicySettings s = args.flag("forbid") || args.flag("allow")
        ? session.client().settings().setDeletionForbidden(args.flag("forbid"))
        : session.client().settings().deletionPolicy();
    out.result(s, () -> out.fields(Map.of("deletion", Boolean.TRUE.equals(s.deletionForbidden())
        ? "forbidden (every delete is refused)" : "allowed")));
  }

  private void certificate(Args args) {
    String chain = args.value("chain");
    String key = args.value("key");
    ServerCertificateInfo c;
    if (chain == null && key == null) {
      c = session.client().settings().tlsCertificate();
    } else {
      if (chain == null || key == null) {
        throw new UsageException("--chain FILE and --key FILE go together");
      }
      c = session.client().settings().replaceTlsCertificate(read(chain), read(key));
      // this profile pinned the old certificate: pin the new one, which the server presents from now on
      Profile p = session.profile();
      new Profile(p.server(), c.sha256Fingerprint(), p.token(), p.user()).save(session.profilePath());
    }
    ServerCertificateInfo shown = c;
    out.result(c, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("subject", shown.subject());
      f.put("issuer", shown.issuer());
      f.put("valid", shown.notBefore() + " to " + shown.notAfter());
      f.put("SHA-256", shown.sha256Fingerprint());
      f.put("chain", shown.chainLength() + " certificate(s)");
      f.put("source", shown.source());
      out.fields(f);
    });
  }

  private void smtpTest(Args args) {
    SmtpTestResult r = session.client().notifications().sendSmtpTestMail(args.required("to"));
    out.result(r, () -> out.line("test mail to " + r.to() + " accepted by " + r.server() + " (subject '"
        + r.subject() + "')"));
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
