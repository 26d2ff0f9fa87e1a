package dev.vireo.server;

import dev.vireo.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts the management server: {@code ServerMain [--config server.ini]}. */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Path configFile = args.length >= 2 && "--config".equals(args[0]) ? Path.of(args[1]) : null;
    VireoServer server;
    try {
      server = VireoServer.start(ServerConfig.load(configFile));
    } catch (Exception e) {
      LOG.error("the server could not start: {}", e.toString(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping the server (jobs in flight resume at the next start)");
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("clean stop failed: {}", e.toString());
      }
      stopped.countDown();
    }, "server-shutdown"));
    stopped.await();
  }
}
