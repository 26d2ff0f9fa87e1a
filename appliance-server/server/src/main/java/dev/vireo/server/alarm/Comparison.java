package dev.vireo.server.alarm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A rule's comparator (white paper 5.10.3: ≥ ≤ > <) as written in the API. */
enum Comparison {
  GE(">=", "≥"),
  LE("<=", "≤"),
  GT(">", ">"),
  LT("<", "<");

  static final List<String> SYMBOLS = Arrays.stream(values()).map(c -> c.symbol).toList();
  final String symbol;
  final String sign;

  Comparison(String symbol, String sign) {
    this.symbol = symbol;
    this.sign = sign;
  }

  static Optional<Comparison> of(String symbol) {
    return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
  }

  boolean holds(double value, double threshold) {
    return switch (this) {
      case GE -> value >= threshold;
      case LE -> value <= threshold;
      case GT -> value > threshold;
      case LT -> value < threshold;
    };
  }
}
