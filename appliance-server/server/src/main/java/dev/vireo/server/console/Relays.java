package dev.vireo.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** The accept loop and the byte pump that the VNC gateway and the SPICE proxy share. */
final class Relays {
  /** Sees each chunk a pump forwards, before it goes out. */
  interface Watch {
    void seen(byte[] b, int n);
  }

  private Relays() {}

  /** Accepts on a daemon thread and hands each connection to {@code handler} on a thread of its own. */
  static void accept(ServerSocket listener, String name, Logger log, Consumer<Socket> handler) {
    Thread accept = new Thread(() -> {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Thread t = new Thread(() -> handler.accept(client), name + "-" + client.getRemoteSocketAddress());
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          if (!listener.isClosed()) {
            log.warn("{} accept failed: {}", name, e.getMessage());
          }
        }
      }
    }, name + "-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Copies {@code from} to {@code to} until {@code from} ends (null) or either fails (the failure). */
  static IOException pump(Socket from, Socket to, Watch watch) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        watch.seen(buffer, n);
        out.write(buffer, 0, n);
        out.flush();
      }
      return null;
    } catch (IOException e) {
      return e;
    }
  }
}
