package dev.vireo.agent.ha;

import com.sun.net.httpserver.HttpServer;
import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.agent.protocol.PeerNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Peer agents for tests: real HTTP servers on 127.0.0.1 answering the health path. A stopped one
 * refuses connections (a dead node); a hanging one accepts and never answers (a frozen one).
 */
final class Peers implements AutoCloseable {
  private final List<HttpServer> servers = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  Peers(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      HttpServer s = create(0, false);
      servers.add(s);
      ports.add(s.getAddress().getPort());
    }
  }

  private static HttpServer create(int port, boolean hang) throws IOException {
    HttpServer s = bind(port);
    s.createContext(AgentHttp.HEALTH_PATH, ex -> {
      if (hang) {
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = "{\"message\":\"ok\"}".getBytes();
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-peer");
      t.setDaemon(true);
      return t;
    }));
    s.start();
    return s;
  }

  PeerNode node(int i) {
    return new PeerNode("peer-" + i, "host-" + i, "http://127.0.0.1:" + ports.get(i) + AgentHttp.HEALTH_PATH);
  }

  List<PeerNode> nodes() {
    List<PeerNode> out = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      out.add(node(i));
    }
    return out;
  }

  /** The node dies: connections to its port are refused. */
  /**
   * Binds, retrying for a few seconds when the port is still taken: the same port again right after
   * a stop can fail while the old listener's connections linger (seen in CI: BindException).
   */
  private static HttpServer bind(int port) throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      } catch (java.net.BindException e) {
        if (port == 0 || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  void stop(int i) {
    servers.get(i).stop(0);
  }

  /** The node comes back on the same address. */
  void restart(int i) throws IOException {
    servers.set(i, create(ports.get(i), false));
  }

  /** The node freezes: it accepts connections and never answers. */
  void hang(int i) throws IOException {
    stop(i);
    servers.set(i, create(ports.get(i), true));
  }

  @Override
  public void close() {
    servers.forEach(s -> s.stop(0));
  }
}
