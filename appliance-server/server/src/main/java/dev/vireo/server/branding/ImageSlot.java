package dev.vireo.server.branding;

import dev.vireo.server.http.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The branding image slots with the white paper's limits (6.1.1, 6.1.3): the favicon must be ICO
 * up to 100 KB; the platform and login logos PNG or JPEG up to 200 KB; the login background PNG
 * or JPEG up to 500 KB. The format is read from the magic bytes, never from a name or header.
 */
enum ImageSlot {
  FAVICON("favicon", 100, List.of(ImageFormat.ICO)),
  LOGO("logo", 200, List.of(ImageFormat.PNG, ImageFormat.JPEG)),
  LOGIN_LOGO("login-logo", 200, List.of(ImageFormat.PNG, ImageFormat.JPEG)),
  LOGIN_BACKGROUND("login-background", 500, List.of(ImageFormat.PNG, ImageFormat.JPEG));

  final String kind;
  final long maxBytes;
  final List<ImageFormat> formats;

  ImageSlot(String kind, int maxKb, List<ImageFormat> formats) {
    this.kind = kind;
    this.maxBytes = maxKb * 1024L;
    this.formats = formats;
  }

  static ImageSlot of(String kind) {
    return Arrays.stream(values()).filter(s -> s.kind.equals(kind)).findFirst()
        .orElseThrow(() -> ApiException.notFound("branding image kind", kind + " (known: " + kinds() + ")"));
  }

  static List<String> kinds() {
    return Arrays.stream(values()).map(s -> s.kind).toList();
  }

  List<String> formatNames() {
    return formats.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** The format of {@code bytes}: 413 past the limit, 422 naming {@code data} when not an accepted format. */
  ImageFormat check(byte[] bytes) {
    if (bytes.length == 0) {
      throw ApiException.invalid("data", "is required: the " + kind + " image in base64");
    }
    if (bytes.length > maxBytes) {
      throw new ApiException(413, "too_large", "data", "the " + kind + " image may be at most " + maxBytes / 1024
          + " KB (" + maxBytes + " bytes); got " + bytes.length + " bytes");
    }
    ImageFormat format = ImageFormat.sniff(bytes);
    if (format == null || !formats.contains(format)) {
      throw ApiException.invalid("data", "the " + kind + " image must be " + String.join(" or ", formatNames())
          + (format == null ? " (its bytes are none of png, jpeg, ico)" : " (got " + format.name().toLowerCase(Locale.ROOT)
          + ")"));
    }
    return format;
  }
}
