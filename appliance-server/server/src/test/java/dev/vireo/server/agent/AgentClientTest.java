package dev.vireo.server.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.AgentTaskResult;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.StartVmCommand;
import dev.vireo.agent.protocol.VmStateReply;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.job.JobFailedException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Calls to an agent that restarts or goes silent while a command runs never wait for their timeout;
 * after a restart only what an earlier agent process had accepted is sent again.
 */
class AgentClientTest {
  private final List<String> tasksReceived = new CopyOnWriteArrayList<>();
  /** The agent process that accepts the next commands (null: the 202 names none, as an older agent). */
  private volatile String process;
  /** When set, the process named on the first acceptance only (a late answer of an old process). */
  private volatile String firstAcceptedBy;
  private HttpServer agent;
  private AgentAddress address;
  private final AgentClient client = new AgentClient("https://127.0.0.1:1", Duration.ofMinutes(10));

  @BeforeEach
  void startAgentThatAcceptsButNeverAnswers() throws Exception {
    agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.createContext(AgentHttp.COMMANDS_PATH, ex -> {
      ex.getRequestBody().readAllBytes();
      tasksReceived.add(ex.getRequestHeaders().getFirst(AgentHttp.TASK_ID_HEADER));
      String by = tasksReceived.size() == 1 && firstAcceptedBy != null ? firstAcceptedBy : process;
      if (by != null) {
        ex.getResponseHeaders().add(AgentHttp.INCARNATION_HEADER, by);
      }
      ex.sendResponseHeaders(202, -1);
      ex.close();
    });
    agent.start();
    address = new AgentAddress("node-1", "node-one", "http://127.0.0.1:" + agent.getAddress().getPort(), "t");
  }

  @AfterEach
  void stop() {
    agent.stop(0);
  }

  @RepeatedTest(50) // the resend raced with the iteration over pending calls (sent 3 instead of 2)
  void resendsTheCommandWhenTheAgentRestartsWhileRunningIt() throws Exception {
    process = "process-1";
    client.agentRestarted("node-1", "process-1");
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(1);
    process = "process-2";
    client.agentRestarted("node-1", "process-2");
    awaitTasks(2);
    client.complete(tasksReceived.get(1), AgentTaskResult.ok(tasksReceived.get(1),
        new VmStateReply("vm-1", DomainPowerState.RUNNING, null)));
    assertEquals(DomainPowerState.RUNNING, call.get(10, TimeUnit.SECONDS).state());
  }

  @Test
  void anAgentThatNamesNoProcessHasEveryPendingCommandSentAgain() throws Exception {
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(1);
    client.agentRestarted("node-1", null);
    awaitTasks(2);
    client.complete(tasksReceived.get(1), AgentTaskResult.ok(tasksReceived.get(1),
        new VmStateReply("vm-1", DomainPowerState.RUNNING, null)));
    assertEquals(DomainPowerState.RUNNING, call.get(10, TimeUnit.SECONDS).state());
  }

  @Test // stop 21's CI: a command the new process took just before its registration ran twice
  void aCommandTheNewProcessAcceptedBeforeItsRegistrationIsNotSentAgain() throws Exception {
    client.agentRestarted("node-1", "process-1");
    process = "process-2";
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(1);
    client.agentRestarted("node-1", "process-2");
    Thread.sleep(300);
    assertEquals(1, tasksReceived.size(), "sent once");
    client.complete(tasksReceived.get(0), AgentTaskResult.ok(tasksReceived.get(0),
        new VmStateReply("vm-1", DomainPowerState.RUNNING, null)));
    assertEquals(DomainPowerState.RUNNING, call.get(10, TimeUnit.SECONDS).state());
  }

  @Test
  void anAcceptanceByAReplacedProcessArrivingAfterTheRegistrationIsSentAgain() throws Exception {
    client.agentRestarted("node-1", "process-1");
    client.agentRestarted("node-1", "process-2");
    firstAcceptedBy = "process-1";
    process = "process-2";
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(2);
    client.complete(tasksReceived.get(1), AgentTaskResult.ok(tasksReceived.get(1),
        new VmStateReply("vm-1", DomainPowerState.RUNNING, null)));
    assertEquals(DomainPowerState.RUNNING, call.get(10, TimeUnit.SECONDS).state());
  }

  @Test
  void failsAtOnceWithTheReasonWhenTheNodeIsLost() throws Exception {
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(1);
    client.nodeLost("node-1");
    Exception e = assertThrows(Exception.class, () -> call.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("the node stopped answering while running it"), e.toString());
    assertEquals(1, tasksReceived.size(), "a lost node is not sent the command again");
  }

  @Test
  void anotherNodesRestartDoesNotTouchTheCall() throws Exception {
    CompletableFuture<VmStateReply> call = CompletableFuture.supplyAsync(() -> start());
    awaitTasks(1);
    client.agentRestarted("node-2", null);
    client.complete(tasksReceived.get(0), AgentTaskResult.ok(tasksReceived.get(0),
        new VmStateReply("vm-1", DomainPowerState.RUNNING, null)));
    assertEquals(DomainPowerState.RUNNING, call.get(10, TimeUnit.SECONDS).state());
    assertEquals(1, tasksReceived.size());
  }

  private VmStateReply start() {
    try {
      return client.call(address, new StartVmCommand("vm-1"), VmStateReply.class);
    } catch (JobFailedException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitTasks(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tasksReceived.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, tasksReceived.size(), tasksReceived.toString());
  }
}
