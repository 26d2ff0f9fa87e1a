package dev.vireo.tests.support;

import dev.vireo.api.model.ConsoleTicket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.crypto.Cipher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

/**
 * A minimal SPICE client for tests (ADR 0031), written from the protocol's documentation rather
 * than from the server's code: CONNECT through the SPICE proxy, TLS trusting only the ticket's
 * {@code ca} and checking its {@code hostSubject} the way spice-gtk does, then a channel's link
 * (SpiceLinkMess with the auth-spice and mini-header capabilities), the RSA-OAEP encrypted ticket
 * password, and on the main channel the SPICE_MSG_MAIN_INIT with the session id. Also speaks to a
 * display's SPICE port straight, to show that the port wants the ticket's password.
 */
public final class SpiceProbe {
  public static final int MAIN = 1;
  public static final int DISPLAY = 2;
  public static final int INPUTS = 3;
  /** SPICE_LINK_ERR_OK and SPICE_LINK_ERR_PERMISSION_DENIED. */
  public static final int OK = 0;
  public static final int PERMISSION_DENIED = 7;
  private static final int MAGIC = 0x51444552; // "REDQ"
  private static final int MSG_MAIN_INIT = 103;
  private static final int MSGC_INPUTS_KEY_DOWN = 101;
  private static final int MSGC_INPUTS_KEY_UP = 102;

  private SpiceProbe() {}

  /** The proxy refused the CONNECT: its HTTP status line. */
  public static final class RefusedException extends IOException {
    public final int status;

    RefusedException(String statusLine) {
      super(statusLine);
      this.status = Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** How a link ended: the link reply's error, then the ticket check, and the main channel's session id. */
  public record Link(int linkError, int authResult, long sessionId) {
    public boolean ok() {
      return linkError == OK && authResult == OK;
    }
  }

  /** {@code CONNECT host:port} through the proxy; the socket, or {@link RefusedException}. */
  public static Socket connect(String proxyHost, int proxyPort, String host, int port) throws IOException {
    Socket s = new Socket(proxyHost, proxyPort);
    s.setSoTimeout(15_000);
    String target = host + ":" + port;
    OutputStream out = s.getOutputStream();
    out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    String status = line(in);
    while (!line(in).isEmpty()) {
      // headers
    }
    if (!status.matches("HTTP/1\\.[01] 200 .*")) {
      s.close();
      throw new RefusedException(status);
    }
    return s;
  }

  /** The ticket's tunnel: CONNECT to {@code spice.host}, then TLS with the checks a .vv file asks for. */
  public static SSLSocket tunnel(ConsoleTicket t) throws Exception {
    return tunnel(t, t.spice().host());
  }

  public static SSLSocket tunnel(ConsoleTicket t, String connectHost) throws Exception {
    Socket raw = connect(t.host(), t.port(), connectHost, t.spice().tlsPort());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(t.spice().ca().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, connectHost, t.spice().tlsPort(), true);
    tls.startHandshake();
    X509Certificate peer = (X509Certificate) tls.getSession().getPeerCertificates()[0];
    String subject = certificateOrder(peer.getSubjectX500Principal());
    if (!subject.equals(t.spice().hostSubject())) {
      tls.close();
      throw new IOException("the proxy's certificate is for " + subject + ", not " + t.spice().hostSubject());
    }
    return tls;
  }

  /** RFC 2253 lists the most significant RDN first; SPICE's host-subject is in certificate order. */
  static String certificateOrder(X500Principal p) {
    List<String> rdns = new ArrayList<>(Arrays.asList(p.getName(X500Principal.RFC2253).split("(?<!\\\\),")));
    Collections.reverse(rdns);
    return String.join(",", rdns);
  }

  /** Links one channel with the password; on the main channel waits for its init (session id). */
  public static Link link(Socket s, long connectionId, int channelType, String password) throws Exception {
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    ByteBuffer mess = le(16 + 22);
    mess.putInt(MAGIC).putInt(2).putInt(2).putInt(22);
    mess.putInt((int) connectionId).put((byte) channelType).put((byte) 0).putInt(1).putInt(0).putInt(18);
    mess.putInt(1 << 1 | 1 << 3); // SPICE_COMMON_CAP_PROTOCOL_AUTH_SPICE | SPICE_COMMON_CAP_MINI_HEADER
    out.write(mess.array());
    out.flush();
    ByteBuffer header = le(16).put(exactly(in, 16)).flip();
    if (header.getInt() != MAGIC) {
      throw new IOException("not a SPICE link reply");
    }
    header.getInt();
    header.getInt();
    ByteBuffer reply = ByteBuffer.wrap(exactly(in, header.getInt())).order(ByteOrder.LITTLE_ENDIAN);
    int error = reply.getInt();
    if (error != OK) {
      return new Link(error, -1, -1);
    }
    byte[] spki = new byte[162];
    reply.get(spki);
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    rsa.init(Cipher.ENCRYPT_MODE, key);
    byte[] pw = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
    out.write(rsa.doFinal(Arrays.copyOf(pw, pw.length + 1)));
    out.flush();
    int auth = le(4).put(exactly(in, 4)).flip().getInt();
    if (auth != OK || channelType != MAIN) {
      return new Link(OK, auth, -1);
    }
    for (int i = 0; i < 50; i++) {
      ByteBuffer mini = le(6).put(exactly(in, 6)).flip();
      int type = mini.getShort() & 0xffff;
      byte[] body = exactly(in, mini.getInt());
      if (type == MSG_MAIN_INIT) {
        return new Link(OK, OK, ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL);
      }
    }
    throw new IOException("no SPICE_MSG_MAIN_INIT in the main channel's first 50 messages");
  }

  /** A key press and release (left shift) on a linked inputs channel: user input. */
  public static void pressShift(Socket inputs) throws IOException {
    ByteBuffer b = le(2 * 10);
    b.putShort((short) MSGC_INPUTS_KEY_DOWN).putInt(4).putInt(0x2a);
    b.putShort((short) MSGC_INPUTS_KEY_UP).putInt(4).putInt(0xaa);
    inputs.getOutputStream().write(b.array());
    inputs.getOutputStream().flush();
  }

  /** Reads and drops what the server sends until the connection ends: true when it ended within the time. */
  public static boolean endsWithin(Socket s, long millis) throws IOException {
    long until = System.currentTimeMillis() + millis;
    byte[] sink = new byte[64 * 1024];
    while (System.currentTimeMillis() < until) {
      s.setSoTimeout((int) Math.max(1, Math.min(1000, until - System.currentTimeMillis())));
      try {
        if (s.getInputStream().read(sink) < 0) {
          return true;
        }
      } catch (java.net.SocketTimeoutException e) {
        // still open
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    if (n < 0 || n > 1 << 20) {
      throw new IOException("a SPICE size of " + n);
    }
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new IOException("the connection ended after " + b.length + " of " + n + " bytes");
    }
    return b;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the proxy closed the connection");
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.US_ASCII).strip();
  }
}
