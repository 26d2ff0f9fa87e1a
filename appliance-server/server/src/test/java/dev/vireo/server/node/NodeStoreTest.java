package dev.vireo.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.HostFacts;
import dev.vireo.api.model.NodeState;
import dev.vireo.server.store.Database;
import dev.vireo.server.testing.Inventory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStoreTest {
  @TempDir
  Path dir;
  Database db;
  Inventory inventory;
  NodeStore nodes;

  @BeforeEach
  void open() {
    db = new Database(dir);
    inventory = new Inventory(db.jdbi());
    nodes = inventory.nodes();
  }

  @AfterEach
  void close() {
    db.close();
  }

  private NodeState state(String id) {
    return nodes.get(id).orElseThrow().state();
  }

  @Test
  void marksOnlyNodesSilentSinceTheCutOffAsDisconnected() {
    String silent = inventory.node("http://silent:7070");
    String alive = inventory.node("http://alive:7070");
    inventory.ageHeartbeat(silent, 60);

    List<String> lost = nodes.markSilentDisconnected(Instant.now().minusSeconds(15));

    assertEquals(List.of(silent), lost);
    assertEquals(NodeState.DISCONNECTED, state(silent));
    assertEquals(NodeState.CONNECTED, state(alive));
  }

  @Test
  void reportsANodeLostOnlyOnce() {
    String silent = inventory.node("http://silent:7070");
    inventory.ageHeartbeat(silent, 60);

    assertEquals(List.of(silent), nodes.markSilentDisconnected(Instant.now().minusSeconds(15)));
    assertEquals(List.of(), nodes.markSilentDisconnected(Instant.now().minusSeconds(15)));
  }

  @Test
  void aHeartbeatReconnectsANodeAndAnUnknownNodeMustRegister() {
    String id = inventory.node("http://silent:7070");
    inventory.ageHeartbeat(id, 60);
    nodes.markSilentDisconnected(Instant.now().minusSeconds(15));

    HostFacts facts = new HostFacts("h", "x86_64", "cpu", 16, 1, 16, 1, 32L << 30, "s", "kvm", "9.0.0", "8.0.0");
    assertTrue(nodes.heartbeat(id, facts));
    assertFalse(nodes.heartbeat("node-unknown", facts));

    assertEquals(NodeState.CONNECTED, state(id));
    assertEquals(16, nodes.get(id).orElseThrow().cpus());
  }

  @Test
  void registeringTheSameAgentUrlAgainKeepsTheNodesId() {
    String first = inventory.node("http://node:7070");
    String again = inventory.node("http://node:7070");

    assertEquals(first, again);
    assertEquals(1, nodes.list().size());
  }
}
