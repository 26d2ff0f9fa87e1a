package dev.vireo.server.notify;

import dev.vireo.api.model.NotificationContact;
import dev.vireo.api.model.NotificationContactKind;
import dev.vireo.api.model.NotificationDelivery;
import dev.vireo.api.model.NotificationDeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to every contact of a notification group (white paper 5.11, ADR 0034).
 * {@link #send} returns at once; each contact is one independent task on a pool of its own, so a
 * slow or failing endpoint never holds up another contact. A failed attempt that may succeed later
 * (network error, timeout, 5xx, 429) is tried again after 1, 2, 4 x the base delay, scheduled, never
 * slept. Every attempt's outcome is written to notification_deliveries. Thread-safe.
 */
public final class Notifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  /** One delivery under way: its row, its contact and what to say. */
  private record Delivery(NotificationDelivery row, NotificationContact contact, Notification notification,
      int retries, CompletableFuture<NotificationDelivery> done) {}

  private final NotificationContacts contacts;
  private final DeliveryLog log;
  private final EmailSender email;
  private final WebhookSender webhooks;
  private final NotifierConfig config;
  private final SmtpSettingsStore smtp;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;

  public Notifier(NotificationContacts contacts, DeliveryLog log, SmtpSettingsStore smtp, NotifierConfig config) {
    this.contacts = contacts;
    this.log = log;
    this.config = config;
    this.email = new EmailSender(smtp::load);
    this.webhooks = new WebhookSender(config.webhookConnectTimeout(), config.webhookRequestTimeout());
    this.smtp = smtp;
    this.workers = Executors.newFixedThreadPool(config.threads(), threads("notify"));
    this.timer = Executors.newSingleThreadScheduledExecutor(threads("notify-timer"));
    log.reconcile();
    timer.scheduleAtFixedRate(this::prune, 1, 24, TimeUnit.HOURS);
  }

  /** Sends {@code n} to every contact of the group, in the background; returns at once. */
  public void send(String groupId, Notification n) {
    deliver(groupId, n);
  }

  /** {@link #send}, with a future that completes once every contact's delivery has finished. */
  public CompletableFuture<List<NotificationDelivery>> deliver(String groupId, Notification n) {
    return dispatch(groupId, n, config.maxRetries());
  }

  /**
   * One attempt per contact of the group, all at once, waiting for them: a test tells at once
   * whether the settings work. Bounded by the SMTP and webhook timeouts; a delivery still running
   * after them is answered PENDING.
   */
  public List<NotificationDelivery> test(String groupId, Notification n) throws InterruptedException {
    List<CompletableFuture<NotificationDelivery>> each = start(groupId, n, 0);
    long smtpMs = smtp.load().map(SmtpSettingsStore.Smtp::timeoutSeconds).orElse(0) * 1000L;
    // connect, then reads and writes each bounded by the SMTP timeout
    long bound = Math.max(smtpMs * 3,
        config.webhookConnectTimeout().plus(config.webhookRequestTimeout()).toMillis()) + 2_000;
    try {
      CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).get(bound, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // answered below with what finished
    }
    return each.stream().map(f -> f.getNow(null)).filter(java.util.Objects::nonNull).toList();
  }

  private CompletableFuture<List<NotificationDelivery>> dispatch(String groupId, Notification n, int retries) {
    CompletableFuture<List<NotificationDelivery>> all = new CompletableFuture<>();
    try {
      workers.execute(() -> {
        try {
          List<CompletableFuture<NotificationDelivery>> each = start(groupId, n, retries);
          CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
              .whenComplete((v, e) -> all.complete(each.stream().map(CompletableFuture::join).toList()));
        } catch (RuntimeException e) {
          LOG.warn("notification '{}' to group {} not sent: {}", n.subject(), groupId, e.toString());
          all.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.warn("notification '{}' to group {} not sent: the notifier is closed", n.subject(), groupId);
      all.completeExceptionally(e);
    }
    return all;
  }

  /** Opens a delivery per contact and starts its first attempt. */
  private List<CompletableFuture<NotificationDelivery>> start(String groupId, Notification n, int retries) {
    return contacts.ofGroup(groupId).stream().map(c -> {
      Delivery d = new Delivery(log.open(groupId, c.id(), n.subject()), c, n, retries, new CompletableFuture<>());
      submit(d, 1);
      return d.done();
    }).toList();
  }

  private void submit(Delivery d, int attempt) {
    try {
      workers.execute(() -> attempt(d, attempt));
    } catch (RejectedExecutionException e) {
      d.done().complete(log.attempted(d.row(), attempt - 1, NotificationDeliveryStatus.FAILED,
          DeliveryLog.INTERRUPTED));
    }
  }

  private void attempt(Delivery d, int number) {
    Attempt a;
    try {
      a = d.contact().kind() == NotificationContactKind.EMAIL
          ? email.send(d.contact(), d.notification(), Instant.now())
          : webhooks.send(d.contact(), d.notification(), Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      a = Attempt.fail(DeliveryLog.INTERRUPTED);
    } catch (RuntimeException e) {
      LOG.warn("delivery {} to contact {} failed unexpectedly", d.row().id(), d.contact().id(), e);
      a = Attempt.fail("unexpected error: " + e);
    }
    boolean again = !a.delivered() && a.retryable() && number <= d.retries();
    NotificationDeliveryStatus status = a.delivered() ? NotificationDeliveryStatus.SENT
        : again ? NotificationDeliveryStatus.PENDING : NotificationDeliveryStatus.FAILED;
    NotificationDelivery row = log.attempted(d.row(), number, status, a.error());
    if (!again) {
      if (status == NotificationDeliveryStatus.FAILED) {
        LOG.warn("notification '{}' to contact {} ({}) failed after {} attempt(s): {}", d.notification().subject(),
            d.contact().name(), d.contact().id(), number, a.error());
      }
      d.done().complete(row);
      return;
    }
    long delay = config.retryBase().toMillis() << (number - 1);
    try {
      timer.schedule(() -> submit(d, number + 1), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      d.done().complete(log.attempted(d.row(), number, NotificationDeliveryStatus.FAILED, DeliveryLog.INTERRUPTED));
    }
  }

  private void prune() {
    try {
      log.prune();
    } catch (RuntimeException e) {
      LOG.warn("pruning old notification deliveries failed", e);
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops: retries not yet due are dropped, attempts under way get 2 s, then are interrupted. */
  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
