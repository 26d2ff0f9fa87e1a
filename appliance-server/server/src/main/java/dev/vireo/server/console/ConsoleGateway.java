package dev.vireo.server.console;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.node.NodeStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console gateway (ADR 0030): a TLS listener (the server's certificate) that takes one line,
 * {@code VIREO-CONSOLE <vmId> <ticket>}, claims the one-time ticket, opens the VM's display through
 * the display relay of its node's agent and answers {@code OK} (or {@code ERR <reason>} and closes),
 * then relays the VNC stream both ways. A session closes after {@code idle} without user input
 * ({@link RfbInputWatch}), and when its VM stops, migrates or is deleted.
 */
public final class ConsoleGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleGateway.class);
  private static final int MAX_LINE = 512;

  private final SSLServerSocket listener;
  private final ConsoleTicketStore tickets;
  private final NodeStore nodes;
  private final Duration idle;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-idle-watchdog");
    t.setDaemon(true);
    return t;
  });
  private final Runnable unsubscribe;

  ConsoleGateway(SSLContext tls, String listen, int port, ConsoleTicketStore tickets, NodeStore nodes, Duration idle,
      EventBus events) throws IOException {
    this.tickets = tickets;
    this.nodes = nodes;
    this.idle = idle;
    this.listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName(listen), port), 50);
    this.unsubscribe = events.subscribe(this::onEvent);
    Thread accept = new Thread(this::acceptLoop, "console-gateway-accept");
    accept.setDaemon(true);
    accept.start();
    long tick = Math.max(100, Math.min(1000, idle.toMillis() / 10));
    watchdog.scheduleAtFixedRate(this::closeIdle, tick, tick, TimeUnit.MILLISECONDS);
    LOG.info("console gateway listening on {}:{} (idle limit {} s)", listen, port(), idle.toSeconds());
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Open sessions (for tests and the log). */
  int openSessions() {
    return sessions.size();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Thread t = new Thread(() -> open(client), "console-session-" + client.getRemoteSocketAddress());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          LOG.warn("console gateway accept failed: {}", e.getMessage());
        }
      }
    }
  }

  private void open(Socket client) {
    String from = String.valueOf(client.getInetAddress().getHostAddress());
    Socket display = null;
    try {
      client.setSoTimeout(10_000);
      client.setTcpNoDelay(true);
      String[] words = readLine(client.getInputStream()).split(" ");
      if (words.length != 3 || !words[0].equals("VIREO-CONSOLE")) {
        refuse(client, "expected: VIREO-CONSOLE <vmId> <ticket>");
        return;
      }
      Object claim = tickets.claim(words[2], words[1], from);
      if (claim instanceof ConsoleTicketStore.Refusal refusal) {
        LOG.info("console ticket refused for VM {} from {}: {}", words[1], from, refusal.message);
        refuse(client, refusal.message);
        return;
      }
      ConsoleTicketStore.Claimed ticket = (ConsoleTicketStore.Claimed) claim;
      AgentAddress node = nodes.address(ticket.nodeId()).orElse(null);
      if (node == null) {
        refuse(client, "the VM's node " + ticket.nodeId() + " is unknown");
        return;
      }
      display = openDisplay(node, ticket.vmId());
      client.getOutputStream().write("OK\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      client.setSoTimeout(0);
      Session s = new Session(ticket.id(), ticket.vmId(), client, display);
      sessions.add(s);
      LOG.info("console session {} for VM {} from {} opened", ticket.id(), ticket.vmId(), from);
      s.relay();
    } catch (IOException | RuntimeException e) {
      try {
        refuse(client, "cannot open the console: " + e.getMessage());
      } catch (IOException ignored) {
        // the client is gone
      }
      close(display);
    }
  }

  /** The VM's display through its node agent's relay: an HTTP/1.1 upgrade to {@code vireo-display}. */
  private static Socket openDisplay(AgentAddress node, String vmId) throws IOException {
    URI url = URI.create(node.url());
    Socket s = new Socket();
    s.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()), 5000);
    s.setTcpNoDelay(true);
    s.setSoTimeout(10_000);
    OutputStream out = s.getOutputStream();
    out.write(("GET " + AgentHttp.DISPLAY_PATH + vmId + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
        + "Authorization: Bearer " + node.token() + "\r\nConnection: Upgrade\r\nUpgrade: "
        + AgentHttp.DISPLAY_UPGRADE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    String status = readLine(in);
    for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
      // headers: nothing to keep
    }
    if (!status.startsWith("HTTP/1.1 101")) {
      s.close();
      throw new IOException("the node's display relay answered " + status);
    }
    s.setSoTimeout(0);
    return s;
  }

  /** A CRLF- or LF-terminated ASCII line of at most 512 bytes, read byte by byte (nothing past it). */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed before the end of the line");
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.US_ASCII);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private static void refuse(Socket client, String reason) throws IOException {
    try {
      client.getOutputStream().write(("ERR " + reason + "\r\n").getBytes(StandardCharsets.UTF_8));
      client.getOutputStream().flush();
    } finally {
      client.close();
    }
  }

  private void onEvent(ServerEvent e) {
    if ("vm".equals(e.kind()) && !"RUNNING".equals(e.state())) {
      for (Session s : sessions) {
        if (s.vmId.equals(e.id())) {
          s.close("the VM is " + e.state());
        }
      }
    }
  }

  private void closeIdle() {
    long limit = idle.toNanos();
    long now = System.nanoTime();
    for (Session s : sessions) {
      if (now - s.lastInput > limit) {
        s.close("no input for " + idle.toSeconds() + " s");
      }
    }
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    unsubscribe.run();
    watchdog.shutdownNow();
    close(listener);
    sessions.forEach(s -> s.close("the server stops"));
  }

  private static void close(ServerSocket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** One relayed console: client and display sockets and the time of the last user input. */
  private final class Session {
    private final String ticketId;
    private final String vmId;
    private final Socket client;
    private final Socket display;
    private final RfbInputWatch watch = new RfbInputWatch();
    private volatile long lastInput = System.nanoTime();
    private volatile String closed;

    Session(String ticketId, String vmId, Socket client, Socket display) {
      this.ticketId = ticketId;
      this.vmId = vmId;
      this.client = client;
      this.display = display;
    }

    void relay() {
      Thread down = new Thread(() -> pump(false), "console-down-" + ticketId);
      down.setDaemon(true);
      down.start();
      pump(true);
    }

    private void pump(boolean up) {
      byte[] buffer = new byte[64 * 1024];
      try {
        InputStream in = up ? client.getInputStream() : display.getInputStream();
        OutputStream out = up ? display.getOutputStream() : client.getOutputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (up && watch.feed(buffer, 0, n)) {
            lastInput = System.nanoTime();
          }
          out.write(buffer, 0, n);
          out.flush();
        }
        close(up ? "the client disconnected" : "the display closed");
      } catch (IOException e) {
        close(up ? "the client connection failed: " + e.getMessage() : "the display connection failed: "
            + e.getMessage());
      }
    }

    synchronized void close(String reason) {
      if (closed != null) {
        return;
      }
      closed = reason;
      sessions.remove(this);
      LOG.info("console session {} for VM {} closed: {}", ticketId, vmId, reason);
      ConsoleGateway.close(client);
      ConsoleGateway.close(display);
      try {
        tickets.closed(ticketId, reason);
      } catch (RuntimeException e) {
        LOG.warn("cannot record the end of console session {}: {}", ticketId, e.getMessage());
      }
    }
  }
}
