package dev.vireo.server.console;

import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.node.NodeStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VNC console gateway (ADR 0030): a TLS listener (the server's certificate) that takes one line,
 * {@code VIREO-CONSOLE <vmId> <ticket>}, claims the one-time ticket, opens the VM's display through
 * the display relay of its node's agent and answers {@code OK} (or {@code ERR <reason>} and closes),
 * then relays the VNC stream both ways. The {@link SessionWatch} closes a session after its idle
 * limit without user input ({@link RfbInputWatch}), and when its VM stops, migrates or is deleted.
 */
final class ConsoleGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleGateway.class);

  private final SSLServerSocket listener;
  private final ConsoleTicketStore tickets;
  private final NodeStore nodes;
  private final SessionWatch watch;

  ConsoleGateway(SSLContext tls, String listen, int port, ConsoleTicketStore tickets, NodeStore nodes,
      SessionWatch watch) throws IOException {
    this.tickets = tickets;
    this.nodes = nodes;
    this.watch = watch;
    this.listener = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName(listen), port), 50);
    Relays.accept(listener, "console-session", LOG, this::open);
    LOG.info("console gateway listening on {}:{} (idle limit {} s)", listen, port(), watch.idle().toSeconds());
  }

  int port() {
    return listener.getLocalPort();
  }

  private void open(Socket client) {
    String from = String.valueOf(client.getInetAddress().getHostAddress());
    Socket display = null;
    try {
      client.setSoTimeout(10_000);
      client.setTcpNoDelay(true);
      String[] words = NodeDisplay.readLine(client.getInputStream()).split(" ");
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
      display = NodeDisplay.open(node, ticket.vmId(), "");
      client.getOutputStream().write("OK\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      client.setSoTimeout(0);
      Session s = new Session(ticket.id(), ticket.vmId(), client, display);
      watch.add(s);
      LOG.info("console session {} for VM {} from {} opened", ticket.id(), ticket.vmId(), from);
      s.relay();
    } catch (IOException | RuntimeException e) {
      try {
        refuse(client, "cannot open the console: " + e.getMessage());
      } catch (IOException ignored) {
        // the client is gone
      }
      NodeDisplay.close(display);
    }
  }

  private static void refuse(Socket client, String reason) throws IOException {
    try {
      client.getOutputStream().write(("ERR " + reason + "\r\n").getBytes(StandardCharsets.UTF_8));
      client.getOutputStream().flush();
    } finally {
      client.close();
    }
  }

  @Override
  public void close() {
    NodeDisplay.close(listener);
  }

  /** One relayed console: client and display sockets and the time of the last user input. */
  private final class Session extends SessionWatch.Watched {
    private final String ticketId;
    private final Socket client;
    private final Socket display;
    private final RfbInputWatch input = new RfbInputWatch();
    private volatile String closed;

    Session(String ticketId, String vmId, Socket client, Socket display) {
      super(vmId);
      this.ticketId = ticketId;
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
      IOException failed = up
          ? Relays.pump(client, display, (b, n) -> {
              if (input.feed(b, 0, n)) {
                inputSeen();
              }
            })
          : Relays.pump(display, client, (b, n) -> { });
      if (failed == null) {
        close(up ? "the client disconnected" : "the display closed");
      } else {
        close(up ? "the client connection failed: " + failed.getMessage() : "the display connection failed: "
            + failed.getMessage());
      }
    }

    @Override
    synchronized void close(String reason) {
      if (closed != null) {
        return;
      }
      closed = reason;
      watch.remove(this);
      LOG.info("console session {} for VM {} closed: {}", ticketId, vmId, reason);
      NodeDisplay.close(client);
      NodeDisplay.close(display);
      try {
        tickets.closed(ticketId, reason);
      } catch (RuntimeException e) {
        LOG.warn("cannot record the end of console session {}: {}", ticketId, e.getMessage());
      }
    }
  }
}
