package dev.vireo.agent.http;

import dev.vireo.agent.protocol.AgentHttp;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;

/** The agent's HTTP listener: commands and health. */
public final class AgentHttpServer implements AutoCloseable {
  private final Undertow undertow;

  public AgentHttpServer(String host, int port, HttpHandler commands) {
    PathHandler paths = new PathHandler()
        .addExactPath(AgentHttp.COMMANDS_PATH, commands)
        .addExactPath(AgentHttp.HEALTH_PATH, ex -> CommandEndpoint.reply(ex, 200, "ok"));
    undertow = Undertow.builder().addHttpListener(port, host).setHandler(paths).build();
  }

  public void start() {
    undertow.start();
  }

  public int port() {
    return ((java.net.InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
