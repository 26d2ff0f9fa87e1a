package dev.vireo.server.console;

import dev.vireo.agent.protocol.AgentHttp;
import dev.vireo.server.agent.AgentClient.AgentAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A VM's display on its node, reached through the node agent's display relay (ADR 0030, 0031). */
final class NodeDisplay {
  private static final int MAX_LINE = 512;

  private NodeDisplay() {}

  /**
   * An HTTP/1.1 upgrade to {@code vireo-display} at the relay path of {@code vmId} plus
   * {@code suffix} ({@code ""} for VNC, {@link AgentHttp#SPICE_SUFFIX} for SPICE): afterwards the
   * socket carries the display's own protocol.
   */
  static Socket open(AgentAddress node, String vmId, String suffix) throws IOException {
    URI url = URI.create(node.url());
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort()), 5000);
      s.setTcpNoDelay(true);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + AgentHttp.DISPLAY_PATH + vmId + suffix + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
          + "Authorization: Bearer " + node.token() + "\r\nConnection: Upgrade\r\nUpgrade: "
          + AgentHttp.DISPLAY_UPGRADE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = readLine(in);
      skipHeaders(in);
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("the node's display relay answered " + status);
      }
      s.setSoTimeout(0);
      return s;
    } catch (IOException e) {
      close(s);
      throw e;
    }
  }

  /** A CRLF- or LF-terminated ASCII line of at most 512 bytes, read byte by byte (nothing past it). */
  static String readLine(InputStream in) throws IOException {
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

  /** Reads HTTP header lines up to the empty one (at most 64 of them). */
  static void skipHeaders(InputStream in) throws IOException {
    for (int i = 0; !readLine(in).isEmpty(); i++) {
      if (i >= 64) {
        throw new IOException("more than 64 header lines");
      }
    }
  }

  static void close(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
