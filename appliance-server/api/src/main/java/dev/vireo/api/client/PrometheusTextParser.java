package dev.vireo.api.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text format 0.0.4 as the server writes it ({@code vireo_<kind>_<metric>{labels} value})
 * into {@link LatestMetric}s. Comments, blank lines, other families and lines it cannot read are skipped.
 */
public final class PrometheusTextParser {
  private static final String PREFIX = "vireo_";
  /** Longest first: {@code vireo_storage_cluster_…} is not a {@code cluster}. */
  private static final List<String> KINDS = List.of("storage_cluster", "cluster", "node", "vm");

  private PrometheusTextParser() {}

  public static List<LatestMetric> parse(String text) {
    List<LatestMetric> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      LatestMetric m = line(line);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  /** One sample line, or null when it is not a Vireo gauge this client understands. */
  static LatestMetric line(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    String rest;
    if (brace >= 0 && (space < 0 || brace < space)) {
      name = line.substring(0, brace);
      int end = labels(line, brace + 1, labels);
      if (end < 0) {
        return null;
      }
      rest = line.substring(end + 1).strip();
    } else if (space > 0) {
      name = line.substring(0, space);
      rest = line.substring(space + 1).strip();
    } else {
      return null;
    }
    if (!name.startsWith(PREFIX)) {
      return null;
    }
    String tail = name.substring(PREFIX.length());
    String kind = KINDS.stream().filter(k -> tail.startsWith(k + "_")).findFirst().orElse(null);
    if (kind == null) {
      return null;
    }
    String metric = tail.substring(kind.length() + 1);
    String id = labels.get(kind);
    if (metric.isEmpty() || id == null) {
      return null;
    }
    String valueText = rest.split("\\s+")[0]; // a timestamp may follow
    double value;
    try {
      value = switch (valueText) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(valueText);
      };
    } catch (NumberFormatException e) {
      return null;
    }
    return new LatestMetric(kind, id, metric, labels, value);
  }

  /** Reads {@code a="x",b="y"} from {@code start} up to the closing brace; its index, or -1 when malformed. */
  private static int labels(String line, int start, Map<String, String> into) {
    int i = start;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= n || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      boolean closed = false;
      while (j < n) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < n) {
          char next = line.charAt(j + 1);
          value.append(next == 'n' ? '\n' : next);
          j += 2;
        } else if (v == '"') {
          closed = true;
          j++;
          break;
        } else {
          value.append(v);
          j++;
        }
      }
      if (!closed) {
        return -1;
      }
      into.put(key, value.toString());
      i = j;
    }
    return -1;
  }
}
