package dev.vireo.agent.ha;

import dev.vireo.agent.Json;
import dev.vireo.agent.protocol.HeartbeatReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's latest heartbeat reply, kept in a file of the agent's state directory so that an
 * agent restarted while cut off (its VMs kept running) still knows its peers and can fence.
 */
final class LastKnownCluster {
  private static final Logger LOG = LoggerFactory.getLogger(LastKnownCluster.class);
  private final Path file;

  /** What is kept: the node's id and the reply. */
  record Saved(String nodeId, HeartbeatReply reply) {}

  LastKnownCluster(Path file) {
    this.file = file;
  }

  Optional<Saved> load() {
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Saved saved = Json.MAPPER.readValue(file.toFile(), Saved.class);
      return saved.reply() == null ? Optional.empty() : Optional.of(saved);
    } catch (IOException e) {
      LOG.warn("cannot read the last known cluster from {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  void save(String nodeId, HeartbeatReply reply) {
    if (file == null) {
      return;
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Json.MAPPER.writeValue(tmp.toFile(), new Saved(nodeId, reply));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot keep the last known cluster in {}: {}", file, e.getMessage());
    }
  }
}
