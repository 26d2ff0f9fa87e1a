package dev.vireo.server.agent;

import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.server.http.Json;
import dev.vireo.server.job.JobFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends protocol commands to node agents and waits for the callback. The agent answers 202 at
 * once; the result arrives on {@code /api/v1/agent/callbacks/{taskId}}. Nothing waits for ever.
 */
public final class AgentClient {
  private static final Logger LOG = LoggerFactory.getLogger(AgentClient.class);

  /** Where and how to reach one agent. */
  public record AgentAddress(String nodeId, String hostname, String url, String token) {}

  private final String callbackBase;
  private final Duration defaultTimeout;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, CompletableFuture<AgentTaskResult>> pending = new ConcurrentHashMap<>();

  public AgentClient(String publicUrl, Duration defaultTimeout) {
    this.callbackBase = publicUrl.replaceAll("/+$", "") + AgentHttp.CALLBACK_PATH_PREFIX;
    this.defaultTimeout = defaultTimeout;
  }

  public <R extends AgentReply> R call(AgentAddress agent, AgentCommand command, Class<R> replyType)
      throws JobFailedException, InterruptedException {
    return call(agent, command, replyType, defaultTimeout);
  }

  public <R extends AgentReply> R call(AgentAddress agent, AgentCommand command, Class<R> replyType, Duration timeout)
      throws JobFailedException, InterruptedException {
    String taskId = "task-" + UUID.randomUUID();
    CompletableFuture<AgentTaskResult> future = new CompletableFuture<>();
    pending.put(taskId, future);
    String what = command.getClass().getSimpleName().replace("Command", "");
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(agent.url() + AgentHttp.COMMANDS_PATH))
          .timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + agent.token())
          .header("Content-Type", "application/json")
          .header(AgentHttp.TASK_ID_HEADER, taskId)
          .header(AgentHttp.CALLBACK_URL_HEADER, callbackBase + taskId)
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(command)))
          .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new JobFailedException("node " + agent.hostname() + " is unreachable (" + what + "): " + e.getMessage());
      }
      if (response.statusCode() != 202) {
        throw new JobFailedException("node " + agent.hostname() + " refused " + what + ": HTTP "
            + response.statusCode() + " " + response.body());
      }
      AgentTaskResult result;
      try {
        result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new JobFailedException(what + " on node " + agent.hostname() + " did not finish within "
            + timeout.toSeconds() + " s");
      } catch (ExecutionException e) {
        throw new JobFailedException(what + " on node " + agent.hostname() + ": " + e.getCause());
      }
      if (!result.success()) {
        throw new JobFailedException(what + " on node " + agent.hostname() + " failed: " + result.errorMessage()
            + " (" + result.errorCode() + ")");
      }
      if (!replyType.isInstance(result.reply())) {
        throw new JobFailedException(what + " on node " + agent.hostname() + " gave an unexpected reply");
      }
      return replyType.cast(result.reply());
    } finally {
      pending.remove(taskId);
    }
  }

  /** Completes a waiting call; results for unknown tasks (e.g. from before a restart) are dropped. */
  public void complete(String taskId, AgentTaskResult result) {
    CompletableFuture<AgentTaskResult> f = pending.get(taskId);
    if (f == null) {
      LOG.info("result for unknown task {} ignored (sent before a restart?)", taskId);
      return;
    }
    f.complete(result);
  }
}
