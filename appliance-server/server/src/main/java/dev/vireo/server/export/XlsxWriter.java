package dev.vireo.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one sheet of an Office Open XML workbook (.xlsx, ECMA-376) straight to a stream: a
 * header row in bold, then rows of strings, numbers and instants (as Excel date-times, UTC),
 * inline strings so no shared-string table has to be held. The server's exports (operation log,
 * resource events) need no more, and the 15 MB of Apache POI stay out of the appliance (ADR 0032).
 */
public final class XlsxWriter implements AutoCloseable {
  /** Excel's last row. */
  public static final int MAX_ROWS = 1_048_576;
  private static final long EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel serial day
  private final ZipOutputStream zip;
  private final Writer out;
  private int row;

  public XlsxWriter(OutputStream target, String sheetName, List<String> header) throws IOException {
    zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
    out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    part("[Content_Types].xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>""");
    part("_rels/.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>""");
    part("xl/workbook.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>""".formatted(escape(sheetName)));
    part("xl/_rels/workbook.xml.rels", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>""");
    // style 1: bold header; style 2: yyyy-mm-dd hh:mm:ss
    part("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        </styleSheet>""");
    zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\""
        + " state=\"frozen\"/></sheetView></sheetViews><sheetData>");
    write(header, 1);
  }

  /** One row: each cell a String, a Number, an Instant, or null (empty). */
  public void row(List<?> cells) throws IOException {
    write(cells, 0);
  }

  private void write(List<?> cells, int style) throws IOException {
    if (row >= MAX_ROWS) {
      throw new IllegalStateException("a sheet holds at most " + MAX_ROWS + " rows");
    }
    row++;
    out.write("<row r=\"" + row + "\">");
    for (int c = 0; c < cells.size(); c++) {
      Object v = cells.get(c);
      String ref = column(c) + row;
      if (v == null) {
        continue;
      }
      if (v instanceof Number n) {
        out.write("<c r=\"" + ref + "\"><v>" + n + "</v></c>");
      } else if (v instanceof Instant t) {
        double serial = EXCEL_EPOCH_DAYS + t.toEpochMilli() / 86_400_000.0;
        out.write("<c r=\"" + ref + "\" s=\"2\"><v>" + serial + "</v></c>");
      } else {
        out.write("<c r=\"" + ref + "\" t=\"inlineStr\"" + (style == 0 ? "" : " s=\"" + style + "\"")
            + "><is><t xml:space=\"preserve\">" + escape(v.toString()) + "</t></is></c>");
      }
    }
    out.write("</row>");
  }

  static String column(int index) {
    StringBuilder s = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      s.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return s.toString();
  }

  /** XML text: the five entities, and characters XML 1.0 forbids dropped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }

  private void part(String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    out.write(xml);
    out.flush();
    zip.closeEntry();
  }

  @Override
  public void close() throws IOException {
    out.write("</sheetData></worksheet>");
    out.flush();
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }
}
