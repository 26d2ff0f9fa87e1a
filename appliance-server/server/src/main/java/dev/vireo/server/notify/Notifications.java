package dev.vireo.server.notify;

import dev.vireo.server.http.ApiRouter;
import org.jdbi.v3.core.Jdbi;

/**
 * The notification feature assembled (white paper 5.11, ADR 0034): stores, the {@link Notifier}
 * and the routes. Other features send through {@link #notifier()} and guard the groups they name
 * with {@code groups().onDelete(..)}.
 */
public final class Notifications implements AutoCloseable {
  private final NotificationGroups groups;
  private final Notifier notifier;
  private final Mailer mailer;

  private Notifications(NotificationGroups groups, Notifier notifier, Mailer mailer) {
    this.groups = groups;
    this.notifier = notifier;
    this.mailer = mailer;
  }

  /** Builds the feature on the database and registers its routes. */
  public static Notifications start(Jdbi jdbi, ApiRouter router, NotifierConfig config) {
    NotificationContacts contacts = new NotificationContacts(jdbi);
    NotificationGroups groups = new NotificationGroups(jdbi);
    DeliveryLog deliveries = new DeliveryLog(jdbi);
    SmtpSettingsStore smtp = new SmtpSettingsStore(jdbi);
    Notifier notifier = new Notifier(contacts, deliveries, smtp, config);
    new NotificationRoutes(jdbi, contacts, groups, deliveries, notifier).register(router);
    new SmtpSettingsRoutes(smtp).register(router);
    EmailSender direct = new EmailSender(smtp::load);
    Mailer mailer = (to, subject, text, kind) -> {
      Attempt a = direct.send(to, subject, text, kind, java.time.Instant.now());
      return a.delivered() ? null : a.error();
    };
    return new Notifications(groups, notifier, mailer);
  }

  public Notifier notifier() {
    return notifier;
  }

  /** Mail to one address through the SMTP settings (account mails such as password recovery). */
  public Mailer mailer() {
    return mailer;
  }

  public NotificationGroups groups() {
    return groups;
  }

  @Override
  public void close() {
    notifier.close();
  }
}
