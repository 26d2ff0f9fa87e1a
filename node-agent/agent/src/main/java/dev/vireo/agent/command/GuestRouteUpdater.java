package dev.vireo.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vireo.agent.Json;
import dev.vireo.agent.network.GuestRoutes;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Applies a network's new routes inside a running guest through its QEMU guest agent (ADR 0017):
 * {@code guest-exec} of {@code ip -4 route show}, then of each {@code ip route del/replace} that
 * {@link GuestRoutes#plan} computes, each awaited with {@code guest-exec-status}.
 */
final class GuestRouteUpdater {
  /** One guest agent command to one domain: JSON in, JSON out. */
  interface Channel {
    String send(String domain, String json, int timeoutSeconds);
  }

  static final int AGENT_TIMEOUT_SECONDS = 10;
  static final long EXEC_TIMEOUT_MILLIS = 10_000;

  private final Channel channel;

  GuestRouteUpdater(Channel channel) {
    this.channel = channel;
  }

  /** The {@code ip} commands run in the guest, in order (empty: it had every route already). */
  List<List<String>> apply(SetGuestRoutesCommand c) {
    if (c.domainName() == null || c.domainName().isBlank()) {
      throw new CommandFailedException("INVALID_COMMAND", "domainName is missing");
    }
    String table = exec(c.domainName(), List.of("-4", "route", "show"));
    List<List<String>> done = new ArrayList<>();
    for (List<String> args : GuestRoutes.plan(table, c.previous() == null ? List.of() : c.previous(),
        c.routes() == null ? List.of() : c.routes())) {
      exec(c.domainName(), args);
      done.add(args);
    }
    return done;
  }

  private String exec(String domain, List<String> args) {
    ObjectNode cmd = Json.MAPPER.createObjectNode();
    cmd.put("execute", "guest-exec");
    ObjectNode a = cmd.putObject("arguments");
    a.put("path", "ip");
    var argv = a.putArray("arg");
    args.forEach(argv::add);
    a.put("capture-output", true);
    JsonNode started = read(domain, channel.send(domain, cmd.toString(), AGENT_TIMEOUT_SECONDS));
    long pid = started.at("/return/pid").asLong(-1);
    if (pid < 0) {
      throw new CommandFailedException("GUEST_EXEC_FAILED", "the guest agent of " + domain + " started no process: "
          + started);
    }
    long deadline = System.currentTimeMillis() + EXEC_TIMEOUT_MILLIS;
    while (true) {
      JsonNode status = read(domain, channel.send(domain,
          "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}", AGENT_TIMEOUT_SECONDS))
          .path("return");
      if (status.path("exited").asBoolean()) {
        int code = status.path("exitcode").asInt(-1);
        if (code != 0) {
          throw new CommandFailedException("GUEST_EXEC_FAILED", "ip " + String.join(" ", args) + " in " + domain
              + " exited " + code + ": " + decode(status.path("err-data")).strip());
        }
        return decode(status.path("out-data"));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new CommandFailedException("GUEST_EXEC_FAILED", "ip " + String.join(" ", args) + " in " + domain
            + " did not end within " + EXEC_TIMEOUT_MILLIS / 1000 + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailedException("INTERRUPTED", "agent is stopping", e);
      }
    }
  }

  private static JsonNode read(String domain, String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new CommandFailedException("GUEST_EXEC_FAILED", "the guest agent of " + domain + " answered no JSON: "
          + json, e);
    }
  }

  private static String decode(JsonNode b64) {
    return b64.isMissingNode() || b64.isNull() ? ""
        : new String(Base64.getDecoder().decode(b64.asText()), StandardCharsets.UTF_8);
  }
}
