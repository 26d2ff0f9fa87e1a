package dev.vireo.agent.http;

import dev.vireo.agent.protocol.AgentHttp;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;

/** The agent's HTTP listener: commands and health. */
public final class AgentHttpServer implements AutoCloseable {
  private final Undertow undertow;

  public AgentHttpServer(String host, int port, HttpHandler commands) {
    this(host, port, commands, null);
  }

  /** With the console display relay (ADR 0030) when {@code display} is not null. */
  public AgentHttpServer(String host, int port, HttpHandler commands, HttpHandler display) {
    PathHandler paths = new PathHandler()
        .addExactPath(AgentHttp.COMMANDS_PATH, commands)
        .addExactPath(AgentHttp.HEALTH_PATH, ex -> CommandEndpoint.reply(ex, 200, "ok"));
    if (display != null) {
      paths.addPrefixPath(AgentHttp.DISPLAY_PATH, display);
    }
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
