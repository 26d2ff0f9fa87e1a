package dev.vireo.client.app;

import javafx.scene.control.TableView;
import javafx.scene.text.Font;

/**
 * One row height for the client's big tables. Without a fixed cell size, JavaFX's VirtualFlow
 * estimates the height of all rows by measuring cells as it scrolls, and a jump or a page down
 * through 10,000 rows re-measures on every layout pass; with it, the flow knows each row's offset
 * by multiplication (VmTableScrollBenchmark measures both, docs/benchmarks.md).
 */
public final class TableRows {
  private TableRows() {}

  /** Two em of the default font (24 px at 12 px): a row with one line of text or a small graphic. */
  public static double height() {
    return Math.ceil(2 * Font.getDefault().getSize());
  }

  public static void fixHeight(TableView<?> table) {
    table.setFixedCellSize(height());
  }
}
