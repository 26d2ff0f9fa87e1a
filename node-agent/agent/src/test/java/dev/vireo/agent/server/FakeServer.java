package dev.vireo.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.Json;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.Heartbeat;
import dev.vireo.agent.protocol.HeartbeatReply;
import dev.vireo.agent.protocol.PeerReport;
import dev.vireo.agent.protocol.RegistrationReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real local HTTP server playing the management server for agent tests: registers the node,
 * records heartbeats and peer reports, and answers heartbeats with {@link #reply} (204 without a
 * body when null) or refuses them with {@link #heartbeatStatus}.
 */
public final class FakeServer implements AutoCloseable {
  public final BlockingQueue<Heartbeat> heartbeats = new LinkedBlockingQueue<>();
  public final BlockingQueue<PeerReport> peerReports = new LinkedBlockingQueue<>();
  public volatile HeartbeatReply reply;
  public volatile int heartbeatStatus = 200;
  private final HttpServer server;

  public FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(AgentHttp.REGISTER_PATH,
        ex -> send(ex, 200, Json.MAPPER.writeValueAsBytes(new RegistrationReply("node-1", 1))));
    server.createContext(AgentHttp.HEARTBEAT_PATH, ex -> {
      heartbeats.add(Json.MAPPER.readValue(ex.getRequestBody(), Heartbeat.class));
      HeartbeatReply r = reply;
      if (heartbeatStatus != 200) {
        send(ex, heartbeatStatus, new byte[0]);
      } else if (r == null) {
        send(ex, 204, null);
      } else {
        send(ex, 200, Json.MAPPER.writeValueAsBytes(r));
      }
    });
    server.createContext(AgentHttp.PEERS_PATH, ex -> {
      peerReports.add(Json.MAPPER.readValue(ex.getRequestBody(), PeerReport.class));
      send(ex, 204, null);
    });
    server.createContext(AgentHttp.EVENTS_PATH, ex -> send(ex, 204, null));
    server.start();
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    boolean empty = body == null || body.length == 0;
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public ServerLink link() {
    return new ServerLink(url(), null, "join-token");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
