package dev.vireo.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file streamed as a response body (image downloads): never held in memory, with
 * {@code Content-Length}, {@code Content-Disposition: attachment}, a strong {@code ETag} and a single
 * byte range ({@code Range: bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}) so a broken download
 * of a large image resumes where it stopped.
 */
public record FileBody(Path path, String contentType, String fileName, String etag) {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  void send(HttpServerExchange ex) throws IOException {
    long size = Files.size(path);
    long from = 0;
    long to = size - 1;
    String range = ex.getRequestHeaders().getFirst(Headers.RANGE);
    String ifRange = ex.getRequestHeaders().getFirst(Headers.IF_RANGE);
    boolean partial = range != null && (ifRange == null || ifRange.equals(etag));
    if (partial) {
      Matcher m = RANGE.matcher(range.strip());
      long[] span = m.matches() ? span(m.group(1), m.group(2), size) : null;
      if (span == null) {
        ex.setStatusCode(416);
        ex.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes */" + size);
        ApiRouter.send(ex, 416, ApiRouter.error("range_not_satisfiable", "Range", "Range: " + range
            + " is not one byte range within the file's " + size + " bytes (bytes=first-last, bytes=first- or"
            + " bytes=-suffixLength)"));
        return;
      }
      from = span[0];
      to = span[1];
      ex.setStatusCode(206);
      ex.getResponseHeaders().put(Headers.CONTENT_RANGE, "bytes " + from + "-" + to + "/" + size);
    } else {
      ex.setStatusCode(200);
    }
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
    ex.getResponseHeaders().put(Headers.ACCEPT_RANGES, "bytes");
    ex.getResponseHeaders().put(Headers.ETAG, etag);
    long length = to - from + 1;
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, Long.toString(length));
    if (ex.getRequestMethod().toString().equals("HEAD")) {
      ex.endExchange();
      return;
    }
    if (!ex.isBlocking()) {
      ex.startBlocking();
    }
    try (InputStream in = Files.newInputStream(path); OutputStream out = ex.getOutputStream()) {
      in.skipNBytes(from);
      byte[] buffer = new byte[1 << 16];
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  /** The first and last byte of a range, or null when it is not within the file. */
  static long[] span(String first, String last, long size) {
    try {
      if (first.isEmpty() && last.isEmpty()) {
        return null;
      }
      if (first.isEmpty()) { // the last n bytes
        long n = Long.parseLong(last);
        return n <= 0 || size == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
      }
      long a = Long.parseLong(first);
      long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
      return a >= size || b < a ? null : new long[] {a, b};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
