package dev.vireo.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.agent.protocol.DomainEvent;
import dev.vireo.agent.protocol.DomainStatus;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeMonitorTest {
  /** Records the nodes reported lost. */
  static final class LostNodes implements DomainReports {
    final List<String> lost = new ArrayList<>();

    @Override
    public void fullReport(String nodeId, List<DomainStatus> domains, Instant observedAt) {}

    @Override
    public void event(DomainEvent event) {}

    @Override
    public void nodeLost(String nodeId) {
      lost.add(nodeId);
    }
  }

  @TempDir
  Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = new Database(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void reportsANodeSilentPastTheTimeoutLostOnce() {
    Inventory inventory = new Inventory(db.jdbi());
    String silent = inventory.node("http://silent:7070");
    String alive = inventory.node("http://alive:7070");
    inventory.ageHeartbeat(silent, 20);
    EventBus events = new EventBus(db.jdbi());
    LostNodes reports = new LostNodes();

    try (NodeMonitor monitor = new NodeMonitor(inventory.nodes(), reports::nodeLost, events, Duration.ofSeconds(15))) {
      monitor.check();
      monitor.check();
    }

    assertEquals(List.of(silent), reports.lost);
    assertEquals(NodeState.DISCONNECTED, inventory.nodes().get(silent).orElseThrow().state());
    assertEquals(NodeState.CONNECTED, inventory.nodes().get(alive).orElseThrow().state());
    assertEquals(1, events.since(0, 100).stream()
        .filter(e -> e.kind().equals("node") && e.state().equals("DISCONNECTED")).count());
  }
}
