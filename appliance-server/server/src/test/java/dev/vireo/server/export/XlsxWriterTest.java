package dev.vireo.server.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The workbook's parts and cell encoding; tests/ reads whole exports back with Apache POI. */
class XlsxWriterTest {
  @Test
  void columnsAreLettersLikeExcels() {
    assertEquals("A", XlsxWriter.column(0));
    assertEquals("Z", XlsxWriter.column(25));
    assertEquals("AA", XlsxWriter.column(26));
    assertEquals("AZ", XlsxWriter.column(51));
    assertEquals("BA", XlsxWriter.column(52));
    assertEquals("XFD", XlsxWriter.column(16383)); // Excel's last column
  }

  @Test
  void textIsEscapedAndControlCharactersDropped() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", XlsxWriter.escape("a <b> & \"c\" 'd'"));
    assertEquals("xy\tz", XlsxWriter.escape("x\u0000y\tz\u0007"));
    assertEquals("虚拟机", XlsxWriter.escape("虚拟机"));
  }

  @Test
  void writesTheFivePartsAndOneRowPerCall() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter w = new XlsxWriter(out, "Log <1>", List.of("Time", "Name", "Count"))) {
      w.row(Arrays.asList(Instant.parse("1970-01-02T00:00:00Z"), "虚拟机 & co", 7));
      w.row(Arrays.asList(null, "second", null));
    }
    Map<String, String> parts = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertEquals(java.util.Set.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml"), parts.keySet());
    assertTrue(parts.get("xl/workbook.xml").contains("name=\"Log &lt;1&gt;\""));
    String sheet = parts.get("xl/worksheets/sheet1.xml");
    assertTrue(sheet.contains("<c r=\"A2\" s=\"2\"><v>25570.0</v></c>"), sheet); // a day after Excel's 1970
    assertTrue(sheet.contains("<t xml:space=\"preserve\">虚拟机 &amp; co</t>"), sheet);
    assertTrue(sheet.contains("<c r=\"C2\"><v>7</v></c>"), sheet);
    assertTrue(sheet.contains("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\">"), sheet);
  }
}
