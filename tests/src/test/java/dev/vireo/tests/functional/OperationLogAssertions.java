package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.OpenApi;
import dev.vireo.tests.support.TestServer;
import java.time.Instant;

/**
 * Checks on the operation log (ADR 0032) shared by the tests that walk openapi.yaml: which
 * operations it records (every POST, PUT, PATCH and DELETE except the agents'), and that one call
 * left exactly one entry with the call's outcome.
 */
final class OperationLogAssertions {
  private static final String SINCE = Instant.now().minusSeconds(3600).toString();

  private OperationLogAssertions() {}

  static boolean isRecorded(OpenApi spec, String op) {
    return !op.startsWith("GET ") && !spec.operation(op).path("tags").path(0).asText().equals("agent");
  }

  static String operationId(OpenApi spec, String op) {
    return spec.operation(op).path("operationId").asText();
  }

  /** How many entries the log holds for an operation. */
  static long logged(TestServer server, String token, OpenApi spec, String op) throws Exception {
    return query(server, token, spec, op).path("total").asLong();
  }

  private static JsonNode query(TestServer server, String token, OpenApi spec, String op) throws Exception {
    Api.Reply r = server.api().send("GET", "/api/v1/operation-logs?operation=" + operationId(spec, op) + "&from="
        + SINCE + "&limit=1", token, null);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  /**
   * One more entry than {@code before}, newest first, whose status and result are the reply's; a
   * failure carries the reply's message as its reason. A 202's entry is waited for until its job's
   * outcome arrives.
   */
  static JsonNode loggedOnce(TestServer server, String token, OpenApi spec, String op, long before, Api.Reply reply)
      throws Exception {
    JsonNode page = query(server, token, spec, op);
    assertEquals(before + 1, page.path("total").asLong(), op + " should leave exactly one operation-log entry");
    JsonNode entry = page.path("items").path(0);
    // a 202's entry follows its job: RUNNING while it runs, then the job's outcome (a 202 without a
    // job, such as the password recovery request, succeeds at once)
    boolean job = reply.status() == 202 && reply.body().contains("\"jobId\"");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (job && !entry.path("result").asText().equals(jobState(server, token, reply))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      entry = query(server, token, spec, op).path("items").path(0);
    }
    assertEquals(op.substring(0, op.indexOf(' ')), entry.path("method").asText(), entry.toString());
    assertEquals(spec.operation(op).path("tags").path(0).asText(), entry.path("module").asText(), entry.toString());
    assertEquals(reply.status(), entry.path("status").asInt(), entry.toString());
    if (reply.status() >= 400) {
      assertEquals("FAILED", entry.path("result").asText(), entry.toString());
      assertEquals(refusalReason(reply), entry.path("reason").asText(), entry.toString());
    } else {
      String jobState = job ? jobState(server, token, reply) : "SUCCEEDED";
      assertEquals(jobState, entry.path("result").asText(), entry.toString());
      if (jobState.equals("SUCCEEDED")) {
        assertTrue(entry.path("reason").isNull(), entry.toString());
      }
    }
    assertEquals("127.0.0.1", entry.path("sourceIp").asText(), entry.toString());
    return entry;
  }

  /**
   * Why the reply refused: the API's {@code message}, an OAuth endpoint's RFC 6749
   * {@code error_description}, or the alert of an OAuth HTML page.
   */
  private static String refusalReason(Api.Reply reply) {
    if (reply.body().startsWith("<!DOCTYPE html>")) {
      java.util.regex.Matcher alert = java.util.regex.Pattern.compile("<p role=\"alert\">([^<]*)</p>").matcher(reply.body());
      assertTrue(alert.find(), "an HTML refusal shows its reason: " + reply.body());
      return alert.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
          .replace("&amp;", "&");
    }
    JsonNode json = reply.json();
    return json.has("message") ? json.path("message").asText() : json.path("error_description").asText();
  }

  private static String jobState(TestServer server, String token, Api.Reply reply) throws Exception {
    String job = reply.json().path("jobId").asText();
    String state = server.api().send("GET", "/api/v1/jobs/" + job, token, null).json().path("state").asText();
    return state.equals("QUEUED") ? "RUNNING" : state;
  }
}
