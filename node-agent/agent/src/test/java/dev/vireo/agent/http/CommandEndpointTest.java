package dev.vireo.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandExecutor;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.command.DiskTool;
import dev.vireo.agent.command.FakeHypervisor;
import dev.vireo.agent.protocol.AgentCommand;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandEndpointTest {
  private static final String TOKEN = "0123456789abcdef";
  private static final String CALLBACK = "https://server:8443" + AgentHttp.CALLBACK_PATH_PREFIX + "task-1";

  @TempDir
  Path storage;
  FakeHypervisor hypervisor;
  ExecutorService pool;
  AgentHttpServer server;
  final BlockingQueue<Map.Entry<String, AgentTaskResult>> delivered = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() {
    hypervisor = new FakeHypervisor();
    pool = Executors.newFixedThreadPool(2);
    CommandEndpoint endpoint = new CommandEndpoint(TOKEN, new CommandExecutor(hypervisor, new DiskTool(), storage), pool,
        (url, result) -> delivered.add(Map.entry(url, result)));
    server = new AgentHttpServer("127.0.0.1", 0, endpoint);
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.close();
    pool.shutdownNow();
  }

  private HttpResponse<String> post(String auth, String taskId, String callback, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + AgentHttp.COMMANDS_PATH))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (taskId != null) {
      b.header(AgentHttp.TASK_ID_HEADER, taskId);
    }
    if (callback != null) {
      b.header(AgentHttp.CALLBACK_URL_HEADER, callback);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String json(AgentCommand c) throws Exception {
    return Json.MAPPER.writerFor(AgentCommand.class).writeValueAsString(c);
  }

  private HttpResponse<String> send(String taskId, AgentCommand c) throws Exception {
    return post("Bearer " + TOKEN, taskId, CALLBACK, json(c));
  }

  private AgentTaskResult nextResult() throws InterruptedException {
    Map.Entry<String, AgentTaskResult> e = delivered.poll(10, TimeUnit.SECONDS);
    assertNotNull(e, "no result was delivered");
    assertEquals(CALLBACK, e.getKey());
    return e.getValue();
  }

  @Test
  void answers202AtOnceThenDeliversTheReplyToTheCallback() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    hypervisor.startGate = release;
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    HttpResponse<String> response = send("task-1", new StartVmCommand("vm-1"));

    assertEquals(202, response.statusCode());
    assertEquals(dev.vireo.agent.AgentIncarnation.ID,
        response.headers().firstValue(dev.vireo.agent.protocol.AgentHttp.INCARNATION_HEADER).orElse(null),
        "the acceptance names this agent process");
    assertTrue(delivered.isEmpty(), "the answer must not wait for the command");
    release.countDown();
    AgentTaskResult result = nextResult();
    assertEquals(AgentTaskResult.ok("task-1", new VmStateReply("vm-1", DomainPowerState.RUNNING, 5900)), result);
  }

  @Test
  void aTaskResentWhileItRunsIsAcceptedButRunsOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    hypervisor.startGate = release;
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    assertEquals(202, send("task-1", new StartVmCommand("vm-1")).statusCode());
    HttpResponse<String> again = send("task-1", new StartVmCommand("vm-1"));
    release.countDown();

    assertEquals(202, again.statusCode());
    assertTrue(again.body().contains("already running"), again.body());
    assertTrue(nextResult().success());
    assertNull(delivered.poll(300, TimeUnit.MILLISECONDS), "a second result was delivered");
    assertEquals(java.util.List.of("start vm-1"), hypervisor.calls);
  }

  @Test
  void theSameCommandResentUnderANewTaskIdRunsAfterTheFirstAndFindsItsState() throws Exception {
    // the server resends a command when it sees the agent register afresh; one that had reached
    // this process already arrives twice, under two task ids
    CountDownLatch release = new CountDownLatch(1);
    hypervisor.startGate = release;
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);

    assertEquals(202, send("task-1", new StartVmCommand("vm-1")).statusCode());
    assertEquals(202, send("task-2", new StartVmCommand("vm-1")).statusCode());
    Thread.sleep(200); // the pool has a free thread: without the slot, task-2 would start vm-1 too now
    release.countDown();

    assertTrue(nextResult().success());
    assertTrue(nextResult().success());
    assertEquals(java.util.List.of("start vm-1"), hypervisor.calls, "run in turn, the second found it RUNNING");
  }

  @Test
  void aFailedCommandIsDeliveredAsAFailureWithItsCodeAndMessage() throws Exception {
    assertEquals(202, send("task-1", new StartVmCommand("vm-404")).statusCode());

    AgentTaskResult result = nextResult();

    assertFalse(result.success());
    assertNull(result.reply());
    assertEquals("DOMAIN_NOT_FOUND", result.errorCode());
    assertEquals("domain vm-404 is not defined on this node", result.errorMessage());
  }

  @Test
  void aHypervisorErrorReachesTheServerWithLibvirtsWords() throws Exception {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    hypervisor.startFailure = new CommandFailedException("LIBVIRT_ERROR",
        "internal error: process exited while connecting to monitor");

    send("task-1", new StartVmCommand("vm-1"));
    AgentTaskResult result = nextResult();

    assertEquals(AgentTaskResult.failed("task-1", "LIBVIRT_ERROR",
        "internal error: process exited while connecting to monitor"), result);
  }

  @Test
  void anUnexpectedErrorIsDeliveredAsAnAgentError() throws Exception {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    hypervisor.startFailure = new IllegalStateException("connection closed");

    send("task-1", new StartVmCommand("vm-1"));
    AgentTaskResult result = nextResult();

    assertFalse(result.success());
    assertEquals("AGENT_ERROR", result.errorCode());
    assertTrue(result.errorMessage().contains("connection closed"), result.errorMessage());
  }

  @Test
  void startingARunningVmSucceedsWithoutStartingItAgain() throws Exception {
    hypervisor.domains.put("vm-1", DomainPowerState.RUNNING);

    send("task-1", new StartVmCommand("vm-1"));

    assertTrue(nextResult().success());
    assertEquals(java.util.List.of(), hypervisor.calls);
  }

  @Test
  void aMissingOrWrongTokenIs401AndRunsNothing() throws Exception {
    hypervisor.domains.put("vm-1", DomainPowerState.SHUTOFF);
    String body = json(new StartVmCommand("vm-1"));

    assertEquals(401, post(null, "task-1", CALLBACK, body).statusCode());
    assertEquals(401, post("Bearer wrong", "task-1", CALLBACK, body).statusCode());
    assertEquals(401, post("Bearer " + TOKEN + "x", "task-1", CALLBACK, body).statusCode());
    assertEquals(401, post(TOKEN, "task-1", CALLBACK, body).statusCode());

    Thread.sleep(100);
    assertEquals(java.util.List.of(), hypervisor.calls);
    assertTrue(delivered.isEmpty());
  }

  @Test
  void refusesARequestWithoutTaskIdCallbackOrReadableCommand() throws Exception {
    String body = json(new StartVmCommand("vm-1"));
    String auth = "Bearer " + TOKEN;

    assertEquals(400, post(auth, null, CALLBACK, body).statusCode());
    assertEquals(400, post(auth, "task-1", null, body).statusCode());
    assertEquals(400, post(auth, "task-1", "file:///etc/passwd", body).statusCode());
    assertEquals(400, post(auth, "task-1", CALLBACK, "{\"type\":\"FormatDisk\"}").statusCode());
    assertEquals(400, post(auth, "task-1", CALLBACK, "{not json").statusCode());
    assertTrue(delivered.isEmpty());
  }
}
