package dev.vireo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vireo.api.client.ApiJson;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Everything the CLI prints goes through here: results to standard output (as aligned text or,
 * with {@code --output json}, as the model's JSON for scripts) and one-line errors to standard
 * error. The streams come from {@code main}, so tests capture them.
 */
final class Output {
  /** The two formats of {@code --output}. */
  enum Format { TABLE, JSON }

  private static final ObjectMapper JSON = ApiJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream out;
  private final PrintStream err;
  private Format format = Format.TABLE;

  Output(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void format(Format format) {
    this.format = format;
  }

  boolean isJson() {
    return format == Format.JSON;
  }

  /** Prints {@code model} as JSON, or runs {@code human} to print it as text. */
  void result(Object model, Runnable human) {
    if (isJson()) {
      json(model);
    } else {
      human.run();
    }
  }

  void json(Object model) {
    try {
      out.println(JSON.writeValueAsString(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + model.getClass().getSimpleName() + " as JSON", e);
    }
  }

  void table(List<String> headers, List<List<String>> rows) {
    Table.render(headers, rows).forEach(out::println);
  }

  /** Label/value lines, labels aligned. */
  void fields(Map<String, String> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    fields.forEach((k, v) -> out.println(String.format("%-" + width + "s %s", k + ":", v == null ? "-" : v)));
  }

  void line(String text) {
    out.println(text);
  }

  /** Text as it is, e.g. a serial console log. */
  void text(String text) {
    out.print(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      out.println();
    }
    out.flush();
  }

  /** Information for the person at the terminal; kept off standard output when that is JSON for a script. */
  void notice(String text) {
    (isJson() ? err : out).println(text);
  }

  /** The one line every failure prints. */
  void error(String message) {
    String oneLine = message == null ? "unexpected error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    err.println("vireo: " + oneLine);
  }

  void usage(String text) {
    out.print(text);
  }

  void flush() {
    out.flush();
    err.flush();
  }
}
