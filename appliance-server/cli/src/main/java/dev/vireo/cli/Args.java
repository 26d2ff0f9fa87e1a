package dev.vireo.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments after {@code vireo <resource> <verb>}: positionals, {@code --name value} or
 * {@code --name=value} options and {@code --flag}s. Each command declares what it accepts, so a
 * typo is a usage error instead of being silently ignored.
 */
final class Args {
  private final List<String> positionals;
  private final Map<String, String> values;
  private final Map<String, List<String>> repeated;
  private final Set<String> flags;

  private Args(List<String> positionals, Map<String, String> values, Map<String, List<String>> repeated,
      Set<String> flags) {
    this.positionals = positionals;
    this.values = values;
    this.repeated = repeated;
    this.flags = flags;
  }

  /** Parses {@code tokens}, accepting only the given option names (without the leading dashes). */
  static Args parse(List<String> tokens, Set<String> valueOptions, Set<String> flagOptions) {
    return parse(tokens, valueOptions, flagOptions, Set.of());
  }

  /** As {@link #parse(List, Set, Set)}, plus options that may be given several times (see {@link #values}). */
  static Args parse(List<String> tokens, Set<String> valueOptions, Set<String> flagOptions, Set<String> repeatable) {
    List<String> positionals = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    Map<String, List<String>> repeated = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("--")) {
        positionals.addAll(tokens.subList(i + 1, tokens.size()));
        break;
      }
      if (!token.startsWith("--") || token.length() == 2) {
        positionals.add(token);
        continue;
      }
      int eq = token.indexOf('=');
      String name = token.substring(2, eq < 0 ? token.length() : eq);
      if (flagOptions.contains(name)) {
        if (eq >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        flags.add(name);
      } else if (valueOptions.contains(name) || repeatable.contains(name)) {
        String value;
        if (eq >= 0) {
          value = token.substring(eq + 1);
        } else if (i + 1 < tokens.size()) {
          value = tokens.get(++i);
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
        repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        if (values.put(name, value) != null && !repeatable.contains(name)) {
          throw new UsageException("--" + name + " is given twice");
        }
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new Args(positionals, values, repeated, flags);
  }

  String value(String name) {
    return values.get(name);
  }

  String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  /** Every value of a repeatable option, each also split at commas ({@code --group a,b --group c}); empty when absent. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (String v : repeated.getOrDefault(name, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /** An integer option in {@code min..max}, or null when absent. */
  Integer integer(String name, int min, int max) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
  }

  /** An enum option given in any case (e.g. {@code --format qcow2}), or null when absent. */
  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String v = values.get(name);
    return v == null ? null : Choices.parse("--" + name, v, type);
  }

  /** The only positional argument, e.g. the VM in {@code vireo vm start web}. */
  String target(String what) {
    if (positionals.isEmpty()) {
      throw new UsageException("missing " + what);
    }
    noMorePositionalsThan(1);
    return positionals.get(0);
  }

  /** The positional argument at {@code index}, or null. */
  String positional(int index) {
    return index < positionals.size() ? positionals.get(index) : null;
  }

  List<String> positionals() {
    return positionals;
  }

  void noMorePositionalsThan(int n) {
    if (positionals.size() > n) {
      throw new UsageException("unexpected argument '" + positionals.get(n) + "'");
    }
  }
}
