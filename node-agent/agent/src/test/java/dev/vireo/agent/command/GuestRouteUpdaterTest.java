package dev.vireo.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.Json;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import dev.vireo.agent.protocol.SetGuestRoutesCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestRouteUpdaterTest {
  /** A guest agent that runs {@code ip} against a route table. */
  static final class FakeGuest implements GuestRouteUpdater.Channel {
    final List<String> table = new ArrayList<>(List.of("default via 10.0.0.1 dev eth0",
        "10.0.0.0/24 dev eth0 scope link  src 10.0.0.5", "192.168.50.0/24 via 10.0.0.254 dev eth0"));
    final List<List<String>> ran = new ArrayList<>();
    boolean answers = true;
    String lastOut = "";
    int lastCode;

    @Override
    public String send(String domain, String json, int timeoutSeconds) {
      if (!answers) {
        throw new CommandFailedException("GUEST_AGENT_UNAVAILABLE", "the guest agent of " + domain + " does not answer");
      }
      try {
        JsonNode cmd = Json.MAPPER.readTree(json);
        if (cmd.path("execute").asText().equals("guest-exec")) {
          assertEquals("ip", cmd.at("/arguments/path").asText());
          List<String> args = new ArrayList<>();
          cmd.at("/arguments/arg").forEach(a -> args.add(a.asText()));
          ran.add(args);
          lastCode = 0;
          lastOut = "";
          if (args.equals(List.of("-4", "route", "show"))) {
            lastOut = String.join("\n", table) + "\n";
          } else if (args.get(1).equals("del")) {
            lastCode = table.removeIf(l -> l.startsWith(args.get(2) + " ")) ? 0 : 2;
          } else if (args.get(1).equals("replace")) {
            table.removeIf(l -> l.startsWith(args.get(2) + " "));
            table.add(args.get(2) + " via " + args.get(4) + " dev eth0");
          }
          return "{\"return\":{\"pid\":42}}";
        }
        return "{\"return\":{\"exited\":true,\"exitcode\":" + lastCode + ",\"out-data\":\""
            + Base64.getEncoder().encodeToString(lastOut.getBytes(StandardCharsets.UTF_8)) + "\"}}";
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void addsTheNewRouteRemovesTheDroppedOneAndANoOpRunsOnlyTheShow() {
    FakeGuest guest = new FakeGuest();
    GuestRouteUpdater u = new GuestRouteUpdater(guest);
    List<SeedRoute> old = List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"));
    List<SeedRoute> next = List.of(new SeedRoute("10.77.0.0/16", "10.0.0.1"));
    assertEquals(List.of(List.of("route", "del", "192.168.50.0/24"),
        List.of("route", "replace", "10.77.0.0/16", "via", "10.0.0.1")),
        u.apply(new SetGuestRoutesCommand("vm-1", "52:54:00:00:00:01", old, next)));
    assertTrue(guest.table.contains("10.77.0.0/16 via 10.0.0.1 dev eth0"), guest.table.toString());
    assertTrue(guest.table.stream().noneMatch(l -> l.startsWith("192.168.50.0/24")), guest.table.toString());
    guest.ran.clear();
    assertEquals(List.of(), u.apply(new SetGuestRoutesCommand("vm-1", "52:54:00:00:00:01", next, next)));
    assertEquals(List.of(List.of("-4", "route", "show")), guest.ran);
  }

  @Test
  void aSilentGuestAgentIsReported() {
    FakeGuest guest = new FakeGuest();
    guest.answers = false;
    CommandFailedException e = assertThrows(CommandFailedException.class, () -> new GuestRouteUpdater(guest)
        .apply(new SetGuestRoutesCommand("vm-1", null, List.of(), List.of())));
    assertEquals("GUEST_AGENT_UNAVAILABLE", e.code());
  }
}
