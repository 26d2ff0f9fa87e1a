package dev.vireo.server.console;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import dev.vireo.server.node.NodeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SPICE proxy (ADR 0031): an HTTP proxy that only answers {@code CONNECT <ticket>.<vmId>:<port>},
 * what spice-gtk's {@code proxy=http://…} sends for each channel. The first CONNECT claims the
 * one-time ticket and opens a session; the session's further channels (display, inputs, cursor …)
 * CONNECT with the same ticket while the session is open. Inside the tunnel the proxy terminates
 * TLS with the server's certificate (the .vv file pins it), reads the channel's link message,
 * and relays the channel to the VM's SPICE display through its node agent's relay; the ticket's
 * password authenticates the client to QEMU itself. The {@link SessionWatch} closes a session
 * after its idle limit without input on its inputs channel, and when its VM stops.
 */
final class SpiceProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpiceProxy.class);
  private static final int LINK_MAGIC = 0x51444552; // "REDQ" little-endian
  private static final int MAX_LINK = 4096;
  private static final int CAP_AUTH_SELECTION = 0;
  private static final int CAP_MINI_HEADER = 3;

  private final ServerSocket listener;
  private final SSLContext tls;
  private final ConsoleTicketStore tickets;
  private final NodeStore nodes;
  private final SessionWatch watch;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  SpiceProxy(SSLContext tls, String listen, int port, ConsoleTicketStore tickets, NodeStore nodes,
      SessionWatch watch) throws IOException {
    this.tls = tls;
    this.tickets = tickets;
    this.nodes = nodes;
    this.watch = watch;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName(listen), port), 50);
    Relays.accept(listener, "spice-channel", LOG, this::channel);
    LOG.info("SPICE proxy listening on {}:{}", listen, port());
  }

  int port() {
    return listener.getLocalPort();
  }

  /** One channel: CONNECT, TLS, link message, then the relay. */
  private void channel(Socket raw) {
    String from = raw.getInetAddress().getHostAddress();
    Session session = null;
    Socket display = null;
    String failure = "the channel could not be opened";
    try {
      raw.setSoTimeout(10_000);
      raw.setTcpNoDelay(true);
      InputStream in = raw.getInputStream();
      String request = NodeDisplay.readLine(in);
      NodeDisplay.skipHeaders(in);
      String[] words = request.split(" ");
      if (words.length != 3 || !words[0].equals("CONNECT") || !words[2].startsWith("HTTP/1.")) {
        answer(raw, 400, "this proxy only takes CONNECT <ticket>.<vmId>:<port> HTTP/1.1");
        return;
      }
      String target = words[1];
      int colon = target.lastIndexOf(':');
      int dot = target.indexOf('.');
      if (colon < 0 || dot < 1 || dot > colon) {
        answer(raw, 400, "the CONNECT target must be <ticket>.<vmId>:<port>");
        return;
      }
      String token = target.substring(0, dot);
      String vmId = target.substring(dot + 1, colon);
      Object joined = join(token, vmId, from);
      if (joined instanceof String refusal) {
        LOG.info("SPICE ticket refused for VM {} from {}: {}", vmId, from, refusal);
        answer(raw, 403, refusal);
        return;
      }
      session = (Session) joined;
      AgentAddress node = nodes.address(session.nodeId).orElse(null);
      if (node == null) {
        answer(raw, 502, "the VM's node " + session.nodeId + " is unknown");
        failure = "the VM's node is unknown";
        return;
      }
      answer(raw, 200, "Connection established");
      SSLSocket client = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, true);
      client.setUseClientMode(false);
      client.startHandshake();
      byte[] link = readLink(client.getInputStream(), "the client's link message");
      int channelType = link[16 + 4] & 0xff;
      display = NodeDisplay.open(node, vmId, AgentHttp.SPICE_SUFFIX);
      display.setSoTimeout(10_000);
      display.getOutputStream().write(link);
      display.getOutputStream().flush();
      byte[] reply = readLink(display.getInputStream(), "the display's link reply");
      client.getOutputStream().write(reply);
      client.getOutputStream().flush();
      int clientCaps = commonCaps(link, 16 + 6, "client");
      int serverCaps = reply.length >= 16 + 178 ? commonCaps(reply, 16 + 166, "server") : 0;
      int agreed = clientCaps & serverCaps;
      SpiceInputWatch input = new SpiceInputWatch(channelType, (agreed & 1 << CAP_MINI_HEADER) != 0,
          128 + ((agreed & 1 << CAP_AUTH_SELECTION) != 0 ? 4 : 0));
      raw.setSoTimeout(0);
      display.setSoTimeout(0);
      Channel c = new Channel(session, channelType, client, display, input);
      if (!session.attach(c)) {
        c.close();
        failure = "the session closed";
        return;
      }
      LOG.info("SPICE channel {} of session {} for VM {} from {} opened", channelType, session.ticketId, vmId, from);
      c.relay();
      failure = "the client disconnected";
    } catch (IOException | RuntimeException e) {
      failure = "a channel failed: " + e.getMessage();
      LOG.info("SPICE channel from {} failed: {}", from, e.getMessage());
      NodeDisplay.close(display);
    } finally {
      NodeDisplay.close(raw);
      if (session != null) {
        session.leave(failure);
      }
    }
  }

  /** The open session of {@code token}, or a new one when it claims the ticket; else why not. */
  private synchronized Object join(String token, String vmId, String from) {
    Session open = sessions.get(token);
    if (open != null) {
      if (!open.vmId.equals(vmId)) {
        return ConsoleTicketStore.Refusal.OTHER_VM.message;
      }
      if (open.join()) {
        return open;
      }
    }
    Object claim = tickets.claim(token, vmId, from);
    if (claim instanceof ConsoleTicketStore.Refusal refusal) {
      return refusal.message;
    }
    ConsoleTicketStore.Claimed ticket = (ConsoleTicketStore.Claimed) claim;
    Session s = new Session(token, ticket.id(), ticket.vmId(), ticket.nodeId());
    s.join();
    sessions.put(token, s);
    watch.add(s);
    LOG.info("SPICE session {} for VM {} from {} opened", ticket.id(), vmId, from);
    return s;
  }

  /** A link header (magic, version 2.x, size) and its body, as read. */
  private static byte[] readLink(InputStream in, String what) throws IOException {
    byte[] header = in.readNBytes(16);
    if (header.length < 16 || le32(header, 0) != LINK_MAGIC) {
      throw new IOException(what + " is not SPICE");
    }
    int size = le32(header, 12);
    if (size < 4 || size > MAX_LINK) {
      throw new IOException(what + " has a size of " + size + " bytes (4-" + MAX_LINK + ")");
    }
    byte[] body = in.readNBytes(size);
    if (body.length < size) {
      throw new IOException(what + " ended early");
    }
    byte[] all = new byte[16 + size];
    System.arraycopy(header, 0, all, 0, 16);
    System.arraycopy(body, 0, all, 16, size);
    return all;
  }

  /**
   * The first word of common capabilities: {@code at} points at num_common_caps, num_channel_caps
   * and caps_offset (relative to the body at 16).
   */
  private static int commonCaps(byte[] link, int at, String who) throws IOException {
    if (link.length < at + 12) {
      throw new IOException("the " + who + "'s link message is too short");
    }
    int count = le32(link, at);
    int offset = le32(link, at + 8);
    if (count == 0) {
      return 0;
    }
    if (offset < 0 || 16 + offset + 4 > link.length) {
      throw new IOException("the " + who + "'s capabilities lie outside its link message");
    }
    return le32(link, 16 + offset);
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static void answer(Socket s, int status, String reason) throws IOException {
    String phrase = reason.replaceAll("[^ -~]", "?");
    OutputStream out = s.getOutputStream();
    out.write(("HTTP/1.1 " + status + " " + phrase + "\r\n" + (status == 200 ? "" : "Content-Length: 0\r\n"
        + "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    NodeDisplay.close(listener);
  }

  /** A SPICE session: the channels of one ticket. Ends when its last channel ends. */
  private final class Session extends SessionWatch.Watched {
    private final String token;
    private final String ticketId;
    private final String nodeId;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private int active;
    private String closed;

    Session(String token, String ticketId, String vmId, String nodeId) {
      super(vmId);
      this.token = token;
      this.ticketId = ticketId;
      this.nodeId = nodeId;
    }

    /** Counts a channel being opened; false once the session closed. */
    synchronized boolean join() {
      if (closed != null) {
        return false;
      }
      active++;
      return true;
    }

    synchronized boolean attach(Channel c) {
      if (closed != null) {
        return false;
      }
      channels.add(c);
      return true;
    }

    /** A channel ended (or failed to open): the session ends with its last channel. */
    void leave(String reason) {
      boolean last;
      synchronized (this) {
        last = --active == 0;
      }
      if (last) {
        close(reason);
      }
    }

    @Override
    void close(String reason) {
      synchronized (this) {
        if (closed != null) {
          return;
        }
        closed = reason;
      }
      sessions.remove(token, this);
      watch.remove(this);
      LOG.info("SPICE session {} for VM {} closed: {}", ticketId, vmId, reason);
      channels.forEach(Channel::close);
      try {
        tickets.closed(ticketId, reason);
      } catch (RuntimeException e) {
        LOG.warn("cannot record the end of SPICE session {}: {}", ticketId, e.getMessage());
      }
    }
  }

  /** One relayed channel. */
  private static final class Channel {
    private final Session session;
    private final int type;
    private final Socket client;
    private final Socket display;
    private final SpiceInputWatch input;

    Channel(Session session, int type, Socket client, Socket display, SpiceInputWatch input) {
      this.session = session;
      this.type = type;
      this.client = client;
      this.display = display;
      this.input = input;
    }

    /** Relays until either side ends; returns then (the caller leaves the session). */
    void relay() {
      Thread down = new Thread(() -> pump(false), "spice-down-" + session.ticketId + "-" + type);
      down.setDaemon(true);
      down.start();
      pump(true);
      try {
        down.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void pump(boolean up) {
      if (up) {
        Relays.pump(client, display, (b, n) -> {
          if (input.feed(b, 0, n)) {
            session.inputSeen();
          }
        });
      } else {
        Relays.pump(display, client, (b, n) -> { });
      }
      close(); // either side ended or failed: so does the channel
    }

    void close() {
      NodeDisplay.close(client);
      NodeDisplay.close(display);
    }
  }
}
