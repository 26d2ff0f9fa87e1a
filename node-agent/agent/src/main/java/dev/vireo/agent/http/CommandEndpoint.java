package dev.vireo.agent.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vireo.agent.AgentIncarnation;
import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentTaskResult;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/commands}: checks the bearer token and the task headers, answers 202 at once and
 * runs the command on the command pool; the result goes to the callback URL. Equal commands run one
 * after the other, never side by side: the server sends a command again (under a new task id) when
 * it sees this agent register afresh, and a command that reached this process just before its
 * registration is then received twice; run in turn, the second finds the target state the first
 * made (commands are idempotent by target state), where side by side both would write it (two
 * qemu-img runs on one system disk failed on its lock in the CI of stop 21). Each 202 names this
 * process ({@link AgentIncarnation}), so that the server resends only what an earlier process had.
 */
public final class CommandEndpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandEndpoint.class);

  private final byte[] expectedAuth;
  private final CommandExecutor executor;
  private final ExecutorService pool;
  private final BiConsumer<String, AgentTaskResult> results;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  /** One slot per distinct command now running or waiting, with how many tasks use it (guarded by itself). */
  private final Map<AgentCommand, Slot> inFlight = new java.util.HashMap<>();

  private static final class Slot {
    private int users;
  }

  public CommandEndpoint(String agentToken, CommandExecutor executor, ExecutorService pool,
      BiConsumer<String, AgentTaskResult> results) {
    this.expectedAuth = ("Bearer " + agentToken).getBytes(StandardCharsets.UTF_8);
    this.executor = executor;
    this.pool = pool;
    this.results = results;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      reply(exchange, 405, "only POST is allowed");
      return;
    }
    String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (auth == null || !MessageDigest.isEqual(expectedAuth, auth.getBytes(StandardCharsets.UTF_8))) {
      reply(exchange, 401, "missing or wrong agent token");
      return;
    }
    String taskId = exchange.getRequestHeaders().getFirst(AgentHttp.TASK_ID_HEADER);
    String callback = exchange.getRequestHeaders().getFirst(AgentHttp.CALLBACK_URL_HEADER);
    if (taskId == null || taskId.isBlank() || taskId.length() > 128) {
      reply(exchange, 400, AgentHttp.TASK_ID_HEADER + " header is required (1-128 characters)");
      return;
    }
    if (!validCallback(callback)) {
      reply(exchange, 400, AgentHttp.CALLBACK_URL_HEADER + " header must be an http(s) URL");
      return;
    }
    exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
      AgentCommand command;
      try {
        command = Json.MAPPER.readValue(body, AgentCommand.class);
      } catch (JsonProcessingException e) {
        reply(ex, 400, "malformed command: " + e.getOriginalMessage());
        return;
      } catch (java.io.IOException e) {
        reply(ex, 400, "unreadable command");
        return;
      }
      ex.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString(AgentHttp.INCARNATION_HEADER),
          AgentIncarnation.ID);
      if (!running.add(taskId)) {
        reply(ex, 202, "task " + taskId + " is already running");
        return;
      }
      reply(ex, 202, "accepted");
      pool.execute(() -> run(taskId, callback, command));
    });
  }

  private void run(String taskId, String callback, AgentCommand command) {
    AgentTaskResult result;
    Slot slot = acquire(command);
    try {
      LOG.info("task {}: {}", taskId, command.getClass().getSimpleName());
      synchronized (slot) {
        result = AgentTaskResult.ok(taskId, executor.execute(command));
      }
    } catch (CommandFailedException e) {
      LOG.info("task {} failed: {} {}", taskId, e.code(), e.getMessage());
      result = AgentTaskResult.failed(taskId, e.code(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("task {} crashed", taskId, e);
      result = AgentTaskResult.failed(taskId, "AGENT_ERROR", "agent error: " + e);
    } finally {
      release(command, slot);
      running.remove(taskId);
    }
    results.accept(callback, result);
  }

  private Slot acquire(AgentCommand command) {
    synchronized (inFlight) {
      Slot slot = inFlight.computeIfAbsent(command, c -> new Slot());
      slot.users++;
      return slot;
    }
  }

  private void release(AgentCommand command, Slot slot) {
    synchronized (inFlight) {
      if (--slot.users == 0) {
        inFlight.remove(command);
      }
    }
  }

  private static boolean validCallback(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static void reply(HttpServerExchange exchange, int status, String message) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    try {
      exchange.getResponseSender().send(Json.MAPPER.writeValueAsString(Map.of("message", message)));
    } catch (JsonProcessingException e) {
      exchange.endExchange();
    }
  }
}
