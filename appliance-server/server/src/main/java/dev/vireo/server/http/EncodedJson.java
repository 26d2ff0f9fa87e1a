package dev.vireo.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON answer serialised once and kept both as is and gzip-compressed, for answers that are
 * served many times from a cache (the VM list). {@link ApiRouter} sends {@code gzip} to clients that
 * accept it (the SDK, the CLI and the desktop client do) and {@code identity} to the others. Small
 * answers are not worth compressing: {@code gzip} is then null.
 */
public record EncodedJson(byte[] identity, byte[] gzip) {
  /** Below this many bytes an answer fits one TLS record anyway and is sent as is. */
  static final int MIN_COMPRESS_BYTES = 1024;

  public static EncodedJson of(byte[] json) {
    return new EncodedJson(json, json.length < MIN_COMPRESS_BYTES ? null : gzip(json));
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 6 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }
}
