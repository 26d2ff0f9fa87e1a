package dev.vireo.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A benchmark's section of docs/benchmarks.md between its markers (added at the end the first time). */
public final class BenchmarkDoc {
  private BenchmarkDoc() {}

  /** Replaces what is between the {@code name} markers with {@code body}; the heading is used when they are new. */
  public static void write(String name, String heading, String script, String body) throws Exception {
    Path doc = RepoRoot.find().resolve("docs/benchmarks.md");
    String text = Files.readString(doc);
    String begin = "<!-- " + name + ":begin (written by " + script + "; edits inside are overwritten) -->";
    String end = "<!-- " + name + ":end -->";
    int i = text.indexOf("<!-- " + name + ":begin");
    int j = text.indexOf(end);
    if (i < 0 || j < i) {
      text = text.stripTrailing() + "\n\n## " + heading + "\n\n" + begin + "\n" + end + "\n";
      i = text.indexOf("<!-- " + name + ":begin");
      j = text.indexOf(end);
    }
    Files.writeString(doc, text.substring(0, i) + begin + "\n" + body + text.substring(j));
    System.out.println(body);
  }

  /** "Date …, commit …; load average before: …" for a run's header. */
  public static String runLine(String load) {
    return "- Date: " + Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC, commit "
        + Commands.check(List.of("git", "rev-parse", "--short", "HEAD"), 30).strip() + "; load average before: "
        + load + "\n";
  }

  public static String load() throws Exception {
    return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).strip().split(" ")).subList(0, 3));
  }

  /** A table row: n, min, median, max. */
  public static String row(String what, List<Long> v) {
    List<Long> sorted = v.stream().sorted().toList();
    int n = sorted.size();
    long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return "| " + what + " | " + n + " | " + sorted.get(0) + " | " + median + " | " + sorted.get(n - 1) + " |\n";
  }
}
