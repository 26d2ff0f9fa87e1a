package dev.vireo.agent.http;

import dev.vireo.agent.protocol.AgentHttp;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;
import org.xnio.streams.ChannelInputStream;
import org.xnio.streams.ChannelOutputStream;

/**
 * {@code GET /v1/display/<domain>} with the agent token and {@code Upgrade: vireo-display}
 * (ADR 0030): the connection becomes the domain's VNC stream, relayed byte for byte to its display,
 * which listens on the node's loopback only; {@code GET /v1/display/<domain>/spice} the same for
 * one channel of its SPICE display (ADR 0031). The server's console gateway is its only client; the
 * display password (one per console ticket) still guards the display itself.
 */
public final class DisplayRelay implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DisplayRelay.class);
  private static final Pattern DOMAIN = Pattern.compile("vm-[0-9a-f]{6,32}");

  private final byte[] expectedAuth;
  private final Function<String, Integer> vncPorts;
  private final Function<String, Integer> spicePorts;

  public DisplayRelay(String agentToken, Function<String, Integer> vncPorts, Function<String, Integer> spicePorts) {
    this.expectedAuth = ("Bearer " + agentToken).getBytes(StandardCharsets.UTF_8);
    this.vncPorts = vncPorts;
    this.spicePorts = spicePorts;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) {
    if (ex.isInIoThread()) {
      ex.dispatch(this);
      return;
    }
    String auth = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (auth == null || !MessageDigest.isEqual(expectedAuth, auth.getBytes(StandardCharsets.UTF_8))) {
      CommandEndpoint.reply(ex, 401, "missing or wrong agent token");
      return;
    }
    String domain = ex.getRelativePath().replaceFirst("^/", "");
    boolean spice = domain.endsWith(AgentHttp.SPICE_SUFFIX);
    if (spice) {
      domain = domain.substring(0, domain.length() - AgentHttp.SPICE_SUFFIX.length());
    }
    if (!DOMAIN.matcher(domain).matches()) {
      CommandEndpoint.reply(ex, 400, "no domain named '" + domain + "' can have a display");
      return;
    }
    if (!AgentHttp.DISPLAY_UPGRADE.equalsIgnoreCase(ex.getRequestHeaders().getFirst(Headers.UPGRADE))) {
      CommandEndpoint.reply(ex, 400, "Upgrade: " + AgentHttp.DISPLAY_UPGRADE + " is required");
      return;
    }
    Integer port;
    try {
      port = (spice ? spicePorts : vncPorts).apply(domain);
    } catch (RuntimeException e) {
      port = null;
    }
    if (port == null) {
      CommandEndpoint.reply(ex, 404, "domain " + domain + " has no running " + (spice ? "SPICE" : "VNC")
          + " display here");
      return;
    }
    Socket display = new Socket();
    try {
      display.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      display.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(display);
      CommandEndpoint.reply(ex, 502, "cannot reach the display of " + domain + ": " + e.getMessage());
      return;
    }
    ex.getResponseHeaders().put(Headers.UPGRADE, AgentHttp.DISPLAY_UPGRADE);
    ex.getResponseHeaders().put(Headers.CONNECTION, "Upgrade");
    String name = domain + (spice ? " (SPICE)" : "");
    ex.upgradeChannel((StreamConnection connection, HttpServerExchange upgraded) -> relay(name, display, connection));
    ex.setStatusCode(101);
    ex.endExchange();
  }

  private static void relay(String domain, Socket display, StreamConnection connection) {
    InputStream fromGateway = new ChannelInputStream(connection.getSourceChannel());
    OutputStream toGateway = new ChannelOutputStream(connection.getSinkChannel());
    Runnable close = () -> {
      closeQuietly(display);
      try {
        connection.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    };
    LOG.info("display relay for {} opened", domain);
    Thread up = new Thread(() -> {
      try {
        pump(fromGateway, display.getOutputStream(), null);
      } catch (IOException ignored) {
        // the other side went away
      } finally {
        close.run();
      }
    }, "display-up-" + domain);
    Thread down = new Thread(() -> {
      try {
        pump(display.getInputStream(), toGateway, toGateway);
      } catch (IOException ignored) {
        // the other side went away
      } finally {
        close.run();
        LOG.info("display relay for {} closed", domain);
      }
    }, "display-down-" + domain);
    up.setDaemon(true);
    down.setDaemon(true);
    up.start();
    down.start();
  }

  static void pump(InputStream in, OutputStream out, OutputStream flushEach) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      if (flushEach != null || in.available() == 0) {
        out.flush();
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing left to do
    }
  }
}
