package dev.vireo.tests.support;

import dev.vireo.agent.protocol.AgentHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the routes the server registers straight from its sources: every
 * {@code .get/.post/.put/.patch/.delete/.stream(template, Access.X, ...)} call on the router. Templates
 * are string literals or {@link AgentHttp} constants joined by {@code +}.
 */
public final class RouteScan {
  private static final Pattern CALL =
      Pattern.compile("\\.(get|post|put|patch|delete|stream)\\(\\s*([^,;]+?)\\s*,\\s*Access\\.");

  private RouteScan() {}

  /** "METHOD /template" of every route registered under the server's source tree. */
  public static Set<String> serverRoutes() throws IOException {
    Path src = RepoRoot.find().resolve("appliance-server/server/src/main/java");
    Set<String> routes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = CALL.matcher(Files.readString(f));
        while (m.find()) {
          String method = m.group(1).equals("stream") ? "GET" : m.group(1).toUpperCase();
          routes.add(method + " " + template(m.group(2), f));
        }
      }
    }
    return routes;
  }

  private static String template(String expression, Path file) {
    StringBuilder sb = new StringBuilder();
    for (String part : expression.split("\\+")) {
      String p = part.strip();
      if (p.startsWith("\"") && p.endsWith("\"")) {
        sb.append(p, 1, p.length() - 1);
      } else if (p.startsWith("AgentHttp.")) {
        try {
          sb.append(AgentHttp.class.getField(p.substring("AgentHttp.".length())).get(null));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("unknown constant " + p + " in " + file, e);
        }
      } else {
        throw new IllegalStateException("cannot read route template '" + expression + "' in " + file);
      }
    }
    return sb.toString();
  }
}
