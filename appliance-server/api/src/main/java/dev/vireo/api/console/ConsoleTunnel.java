package dev.vireo.api.console;

import dev.vireo.api.model.ConsoleTicket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * The client side of the console gateway (ADR 0030): TLS to the gateway, pinned to the server's
 * certificate fingerprint, the ticket line, and then the VM's RFB stream on the returned socket.
 */
public final class ConsoleTunnel {
  private ConsoleTunnel() {}

  /** Refused by the gateway: the ticket was used, expired, unknown or for another VM, or the VM is unreachable. */
  public static final class RefusedException extends IOException {
    public RefusedException(String reason) {
      super(reason);
    }
  }

  /** Opens the tunnel for the ticket; the returned socket carries RFB from its first byte. */
  public static Socket open(ConsoleTicket ticket, String fingerprint) throws IOException {
    return open(ticket.host(), ticket.port(), ticket.vmId(), ticket.ticket(), fingerprint);
  }

  public static Socket open(String host, int port, String vmId, String ticket, String fingerprint) throws IOException {
    SSLSocket s = (SSLSocket) dev.vireo.api.client.PinnedTrust.sslContext(fingerprint).getSocketFactory()
        .createSocket();
    try {
      s.connect(new InetSocketAddress(host, port), 10_000);
      s.setTcpNoDelay(true);
      s.setSoTimeout(15_000);
      s.getOutputStream().write(("VIREO-CONSOLE " + vmId + " " + ticket + "\r\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String answer = line(s.getInputStream());
      if (!answer.equals("OK")) {
        throw new RefusedException(answer.startsWith("ERR ") ? answer.substring(4) : "unexpected answer: " + answer);
      }
      s.setSoTimeout(0);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new RefusedException("the gateway closed the connection");
      }
      if (b.size() > 1024) {
        throw new IOException("the gateway's answer is too long");
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
