package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.SmtpSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Sends a notification as a plain-text e-mail through the configured SMTP server (Jakarta Mail):
 * STARTTLS (required, not opportunistic) or TLS from the start with the server's certificate and
 * host name checked, AUTH when a username is set, connection, read and write timeouts. A network
 * error is worth a retry; a refusal (authentication, recipient) is not. No error names the password.
 */
final class EmailSender {
  static final String NOT_CONFIGURED = "SMTP is not configured (PUT /api/v1/settings/smtp)";
  private final Supplier<Optional<SmtpSettingsStore.Smtp>> settings;

  EmailSender(Supplier<Optional<SmtpSettingsStore.Smtp>> settings) {
    this.settings = settings;
  }

  Attempt send(NotificationContact to, Notification n, Instant sentAt) {
    return send(to.email(), n, sentAt);
  }

  /** A notification to the address {@code to}: the settings' sender name and subject prefix apply. */
  Attempt send(String to, Notification n, Instant sentAt) {
    return send(to, n.subject(), body(n, sentAt), n.kind().name(), sentAt);
  }

  /**
   * A plain-text mail to one address; {@code kind} goes to the X-Vireo-Kind header; the subject
   * gets the settings' prefix and the From address their sender name (ADR 0045).
   */
  Attempt send(String toAddress, String subject, String text, String kind, Instant sentAt) {
    Optional<SmtpSettingsStore.Smtp> configured = settings.get();
    if (configured.isEmpty()) {
      return Attempt.fail(NOT_CONFIGURED);
    }
    SmtpSettingsStore.Smtp smtp = configured.get();
    Session session = Session.getInstance(properties(smtp));
    try {
      MimeMessage m = new MimeMessage(session);
      InternetAddress from = new InternetAddress(smtp.from(), true);
      if (smtp.senderName() != null) {
        from.setPersonal(smtp.senderName(), "UTF-8");
      }
      m.setFrom(from);
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(toAddress, true));
      m.setSubject(smtp.subject(subject), "UTF-8");
      m.setText(text, "UTF-8");
      m.setSentDate(Date.from(sentAt));
      m.setHeader("X-Vireo-Kind", kind);
      try (Transport t = session.getTransport("smtp")) {
        t.connect(smtp.host(), smtp.port(), smtp.username(), smtp.username() == null ? null : smtp.password());
        t.sendMessage(m, m.getAllRecipients());
      }
      return Attempt.DELIVERED;
    } catch (AuthenticationFailedException e) {
      return Attempt.fail("SMTP authentication as " + smtp.username() + " failed: " + scrub(e, smtp));
    } catch (MessagingException e) {
      String where = "SMTP " + smtp.host() + ":" + smtp.port() + " (" + smtp.security() + "): ";
      return networkError(e) ? Attempt.retry(where + scrub(e, smtp)) : Attempt.fail(where + scrub(e, smtp));
    } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
      return Attempt.fail("SMTP " + smtp.host() + ":" + smtp.port() + ": " + scrub(e, smtp));
    }
  }

  static Properties properties(SmtpSettingsStore.Smtp smtp) {
    String ms = String.valueOf(smtp.timeoutSeconds() * 1000L);
    Properties p = new Properties();
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", String.valueOf(smtp.port()));
    p.put("mail.smtp.connectiontimeout", ms);
    p.put("mail.smtp.timeout", ms);
    p.put("mail.smtp.writetimeout", ms);
    p.put("mail.smtp.auth", String.valueOf(smtp.username() != null));
    if (smtp.security() == SmtpSecurity.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    } else if (smtp.security() == SmtpSecurity.SSL) {
      p.put("mail.smtp.ssl.enable", "true");
    }
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    return p;
  }

  static String body(Notification n, Instant sentAt) {
    StringBuilder b = new StringBuilder(n.text().isEmpty() ? n.subject() : n.text()).append("\n\n");
    b.append("kind: ").append(n.kind()).append('\n');
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(n.fields()).entrySet()) {
      b.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
    }
    b.append("sentAt: ").append(sentAt).append("\n\n-- \nVireo\n");
    return b.toString();
  }

  private static boolean networkError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause()
        : t instanceof MessagingException m ? m.getNextException() : null) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** The exception's message, and never the password even if a server echoed it. */
  private static String scrub(Exception e, SmtpSettingsStore.Smtp smtp) {
    String m = String.valueOf(e.getMessage()).strip();
    if (e.getCause() != null && e.getCause().getMessage() != null && !m.contains(e.getCause().getMessage())) {
      m = m + ": " + e.getCause().getMessage();
    }
    return smtp.password() == null || smtp.password().isEmpty() ? m : m.replace(smtp.password(), "***");
  }
}
