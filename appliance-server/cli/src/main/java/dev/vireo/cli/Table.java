package dev.vireo.cli;

import java.util.ArrayList;
import java.util.List;

/** Aligns rows into columns separated by two spaces; a null cell shows as {@code -}. */
final class Table {
  private Table() {}

  static List<String> render(List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], cell(row, c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : all) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        String cell = cell(row, c);
        sb.append(cell);
        if (c < widths.length - 1) {
          sb.append(" ".repeat(widths[c] - cell.length() + 2));
        }
      }
      lines.add(sb.toString().stripTrailing());
    }
    return lines;
  }

  /** A row that, unlike {@code List.of}, may hold nulls. */
  static List<String> row(String... cells) {
    return java.util.Arrays.asList(cells);
  }

  private static String cell(List<String> row, int c) {
    String v = c < row.size() ? row.get(c) : null;
    return v == null || v.isEmpty() ? "-" : v;
  }
}
