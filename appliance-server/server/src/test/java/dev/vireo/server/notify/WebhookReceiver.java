package dev.vireo.server.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/** A webhook endpoint on loopback for tests: records each request and answers as told, or never. */
final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Received(String method, String path, String query, String contentType, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  /** {@code status} gives the answer to each request in turn; -1 never answers. */
  WebhookReceiver(IntSupplier status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", ex -> handle(ex, status.getAsInt()));
    server.start();
  }

  private void handle(HttpExchange ex, int status) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
        ex.getRequestHeaders().getFirst("Content-Type"), body));
    if (status < 0) {
      try {
        released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status < 0 ? 200 : status, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  Received next() throws InterruptedException {
    return received.poll(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
