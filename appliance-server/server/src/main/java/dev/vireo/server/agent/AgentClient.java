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
import java.util.List;
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
  private final Map<String, PendingTask> pending = new ConcurrentHashMap<>();
  /** Per node: the agent processes that registered and were replaced since (guarded by {@code this}). */
  private final Map<String, AgentProcesses> processes = new java.util.HashMap<>();

  /** A command sent and not yet answered, with the node that runs it and the agent process that accepted it. */
  private static final class PendingTask {
    private final String nodeId;
    private final CompletableFuture<AgentTaskResult> result = new CompletableFuture<>();
    /** Set when the 202 arrived (guarded by the client): the accepting process, null for an agent that names none. */
    private boolean accepted;
    private String acceptedBy;

    PendingTask(String nodeId) {
      this.nodeId = nodeId;
    }
  }

  /** Why a waiting call ended without a result from the agent. */
  private static final class Abandoned extends Exception {
    private final boolean resend;

    Abandoned(String message, boolean resend) {
      super(message, null, false, false);
      this.resend = resend;
    }
  }

  /** How often a command is sent again after its agent restarted while running it. */
  private static final int MAX_RESENDS = 2;

  public AgentClient(String publicUrl, Duration defaultTimeout) {
    this.callbackBase = publicUrl.replaceAll("/+$", "") + AgentHttp.CALLBACK_PATH_PREFIX;
    this.defaultTimeout = defaultTimeout;
  }

  public <R extends AgentReply> R call(AgentAddress agent, AgentCommand command, Class<R> replyType)
      throws JobFailedException, InterruptedException {
    return call(agent, command, replyType, defaultTimeout);
  }

  /**
   * Sends the command and waits for its result. When the agent restarts meanwhile (it forgets
   * what it was doing) the command is sent again: every command is idempotent by target state.
   * When the node is declared lost, the call fails at once instead of waiting for the timeout.
   */
  public <R extends AgentReply> R call(AgentAddress agent, AgentCommand command, Class<R> replyType, Duration timeout)
      throws JobFailedException, InterruptedException {
    String what = command.getClass().getSimpleName().replace("Command", "");
    for (int attempt = 0; ; attempt++) {
      try {
        return replyType.cast(checked(agent, what, replyType, sendAndWait(agent, command, what, timeout)));
      } catch (Abandoned e) {
        if (!e.resend || attempt >= MAX_RESENDS) {
          throw new JobFailedException(what + " on node " + agent.hostname() + ": " + e.getMessage());
        }
        LOG.info("{} on node {}: {}; sending it again", what, agent.hostname(), e.getMessage());
      }
    }
  }

  private AgentTaskResult sendAndWait(AgentAddress agent, AgentCommand command, String what, Duration timeout)
      throws JobFailedException, InterruptedException, Abandoned {
    String taskId = "task-" + UUID.randomUUID();
    PendingTask task = new PendingTask(agent.nodeId());
    CompletableFuture<AgentTaskResult> future = task.result;
    pending.put(taskId, task);
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
      accepted(task, response.headers().firstValue(AgentHttp.INCARNATION_HEADER).orElse(null));
      try {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new JobFailedException(what + " on node " + agent.hostname() + " did not finish within "
            + timeout.toSeconds() + " s");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Abandoned a) {
          throw a;
        }
        throw new JobFailedException(what + " on node " + agent.hostname() + ": " + e.getCause());
      }
    } finally {
      pending.remove(taskId);
    }
  }

  private static AgentReply checked(AgentAddress agent, String what, Class<? extends AgentReply> replyType,
      AgentTaskResult result) throws JobFailedException {
    if (!result.success()) {
      throw new JobFailedException(what + " on node " + agent.hostname() + " failed: " + result.errorMessage()
          + " (" + result.errorCode() + ")");
    }
    if (!replyType.isInstance(result.reply())) {
      throw new JobFailedException(what + " on node " + agent.hostname() + " gave an unexpected reply");
    }
    return result.reply();
  }

  /** Completes a waiting call; results for unknown tasks (e.g. from before a restart) are dropped. */
  public void complete(String taskId, AgentTaskResult result) {
    PendingTask t = pending.get(taskId);
    if (t == null) {
      LOG.info("result for unknown task {} ignored (sent before a restart?)", taskId);
      return;
    }
    t.result.complete(result);
  }

  /**
   * The node's agent registered, as process {@code incarnation}: the commands an earlier process of
   * the node had accepted died with it, so they are sent again; those this process accepted (it may
   * accept commands just before its registration reaches us) go on. An agent that names no process
   * ({@code null}) loses every pending command, as does an acceptance that named none.
   */
  public void agentRestarted(String nodeId, String incarnation) {
    List<PendingTask> lost;
    synchronized (this) {
      AgentProcesses known = processes.computeIfAbsent(nodeId, n -> new AgentProcesses());
      known.registered(incarnation);
      lost = pending.values().stream().filter(t -> t.nodeId.equals(nodeId))
          .filter(t -> incarnation == null || (t.accepted && !incarnation.equals(t.acceptedBy))).toList();
    }
    lost.forEach(t -> t.result.completeExceptionally(new Abandoned("the agent restarted while running it", true)));
  }

  /** Records which process accepted {@code task}; one already replaced cannot run it, so it is sent again. */
  private void accepted(PendingTask task, String incarnation) {
    boolean replaced;
    synchronized (this) {
      task.accepted = true;
      task.acceptedBy = incarnation;
      AgentProcesses known = processes.get(task.nodeId);
      replaced = incarnation != null && known != null && known.replaced(incarnation);
    }
    if (replaced) {
      task.result.completeExceptionally(new Abandoned("the agent restarted while running it", true));
    }
  }

  /** The node stopped answering: calls waiting on it fail now rather than at their timeout. */
  public void nodeLost(String nodeId) {
    abandon(nodeId, "the node stopped answering while running it", false);
  }

  private void abandon(String nodeId, String why, boolean resend) {
    // Collect first: completing a future wakes its caller, which may register its resend while we
    // still iterate, and the map's iterator could then abandon that resend too.
    List<PendingTask> affected = pending.values().stream().filter(t -> t.nodeId.equals(nodeId)).toList();
    affected.forEach(t -> t.result.completeExceptionally(new Abandoned(why, resend)));
  }
}
