package dev.vireo.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses enum values typed on the command line, naming the allowed ones when a value is wrong. */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E parse(String what, String value, Class<E> type) {
    String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    throw new UsageException(what + " must be one of " + allowed + ", got '" + value + "'");
  }
}
