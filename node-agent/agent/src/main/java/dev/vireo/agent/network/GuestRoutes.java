package dev.vireo.agent.network;

import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ip route} commands that bring a running guest's routes from what it has to what its
 * network wants (ADR 0017, N3), without a flush: a route the platform put there before
 * ({@code previous}) and no longer wanted is deleted; a wanted route that is missing or has another
 * next hop is replaced. Routes the guest's user added (in neither list), the default route and the
 * subnet's link route are left alone.
 */
public final class GuestRoutes {
  private GuestRoutes() {}

  /**
   * @param ipRouteShow the guest's {@code ip -4 route show} output
   * @return argument lists for the guest's {@code ip} (each starting with {@code route})
   */
  public static List<List<String>> plan(String ipRouteShow, List<SeedRoute> previous, List<SeedRoute> wanted) {
    Map<String, String> current = parse(ipRouteShow);
    Map<String, String> want = new LinkedHashMap<>();
    for (SeedRoute r : wanted) {
      if (!r.to().contains(":")) {
        want.put(normalize(r.to()), r.via());
      }
    }
    List<List<String>> commands = new ArrayList<>();
    for (SeedRoute r : previous) {
      String to = normalize(r.to());
      if (!r.to().contains(":") && !want.containsKey(to) && current.containsKey(to)) {
        commands.add(List.of("route", "del", to));
      }
    }
    for (Map.Entry<String, String> w : want.entrySet()) {
      if (!w.getValue().equals(current.get(w.getKey()))) {
        commands.add(List.of("route", "replace", w.getKey(), "via", w.getValue()));
      }
    }
    return commands;
  }

  /** Destination → next hop of every non-default route with a {@code via}. */
  static Map<String, String> parse(String ipRouteShow) {
    Map<String, String> routes = new LinkedHashMap<>();
    for (String line : ipRouteShow.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 3 || f[0].equals("default")) {
        continue;
      }
      for (int i = 1; i + 1 < f.length; i++) {
        if (f[i].equals("via")) {
          routes.put(normalize(f[0]), f[i + 1]);
          break;
        }
      }
    }
    return routes;
  }

  private static String normalize(String to) {
    return to.contains("/") ? to : to + "/32";
  }
}
