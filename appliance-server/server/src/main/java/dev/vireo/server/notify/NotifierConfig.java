package dev.vireo.server.notify;

import java.time.Duration;

/**
 * How deliveries run (ADR 0034): worker threads, retries after a network error, timeout, 5xx or
 * 429 with the delay doubling from {@code retryBase}, and the webhook timeouts.
 */
public record NotifierConfig(int threads, int maxRetries, Duration retryBase, Duration webhookConnectTimeout,
    Duration webhookRequestTimeout) {

  /** 8 threads, 3 retries after 1 s, 2 s and 4 s, webhooks 5 s to connect and 10 s per request. */
  public static NotifierConfig standard() {
    return new NotifierConfig(8, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** The same with another base delay between attempts (tests use a few milliseconds). */
  public NotifierConfig withRetryBase(Duration base) {
    return new NotifierConfig(threads, maxRetries, base, webhookConnectTimeout, webhookRequestTimeout);
  }

  /** The same with another webhook request timeout. */
  public NotifierConfig withWebhookRequestTimeout(Duration timeout) {
    return new NotifierConfig(threads, maxRetries, retryBase, webhookConnectTimeout, timeout);
  }
}
