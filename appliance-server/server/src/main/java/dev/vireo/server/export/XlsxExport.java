package dev.vireo.server.export;

import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** An {@code /export} route's answer: one .xlsx sheet as an attachment, at most {@link #MAX_ROWS} rows. */
public final class XlsxExport {
  /** The most rows one export holds; narrower filters export the rest. */
  public static final int MAX_ROWS = 100_000;
  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private XlsxExport() {}

  /** 422 naming {@code from} when more than {@link #MAX_ROWS} {@code what} match; {@code narrow} says how to narrow. */
  public static void refuseMoreThanMax(long matching, String what, String narrow) {
    if (matching > MAX_ROWS) {
      throw new ApiException(422, "invalid", "from", "from: " + matching + " " + what + " match; one export holds at"
          + " most " + MAX_ROWS + ", " + narrow);
    }
  }

  /** The rows as one sheet, each row's cells from {@code cells}. */
  public static <T> byte[] workbook(String sheet, List<String> columns, List<T> rows, Function<T, List<?>> cells) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxWriter w = new XlsxWriter(out, sheet, columns)) {
      for (T row : rows) {
        w.row(cells.apply(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** 200 with the workbook, named {@code <prefix>-yyyyMMdd-HHmmss.xlsx} after {@code at} (UTC). */
  public static Response attachment(Request r, String prefix, Instant at, byte[] xlsx) {
    r.exchange().getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
        "attachment; filename=\"" + prefix + "-" + FILE_TIME.format(at) + ".xlsx\"");
    return Response.raw(200, xlsx, CONTENT_TYPE);
  }
}
