package dev.vireo.agent.server;

import dev.vireo.agent.protocol.AgentTaskResult;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers task results to their callback URLs, retrying with back-off (1 s doubling to 10 s)
 * for up to ten minutes, because the server may be restarting when a task ends.
 */
public final class CallbackSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
  private final ServerLink link;
  private final long giveUpMillis;
  private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "callback-sender");
    t.setDaemon(true);
    return t;
  });

  public CallbackSender(ServerLink link, long giveUpMillis) {
    this.link = link;
    this.giveUpMillis = giveUpMillis;
  }

  public void send(String callbackUrl, AgentTaskResult result) {
    attempt(callbackUrl, result, 1000, System.currentTimeMillis() + giveUpMillis);
  }

  private void attempt(String url, AgentTaskResult result, long delayMillis, long deadline) {
    retries.execute(() -> {
      try {
        link.post(url, result);
      } catch (ServerLink.RejectedException e) {
        if (e.status() / 100 == 4 && e.status() != 401 && e.status() != 408 && e.status() != 429) {
          LOG.warn("server refused result of task {}: {}", result.taskId(), e.getMessage());
          return;
        }
        retry(url, result, delayMillis, deadline, e.getMessage());
      } catch (Exception e) {
        retry(url, result, delayMillis, deadline, e.toString());
      }
    });
  }

  private void retry(String url, AgentTaskResult result, long delayMillis, long deadline, String why) {
    if (System.currentTimeMillis() + delayMillis > deadline) {
      LOG.error("gave up delivering result of task {}: {}", result.taskId(), why);
      return;
    }
    LOG.info("result of task {} not delivered ({}), retrying in {} ms", result.taskId(), why, delayMillis);
    retries.schedule(() -> attempt(url, result, Math.min(delayMillis * 2, 10_000), deadline),
        delayMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
