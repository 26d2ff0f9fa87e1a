package dev.vireo.server.branding;

/** The image formats branding accepts, told apart by their first bytes. */
enum ImageFormat {
  PNG("image/png", new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
  JPEG("image/jpeg", new int[] {0xFF, 0xD8, 0xFF}),
  /** An icon directory: reserved 0, type 1 (icon), then at least one image. */
  ICO("image/x-icon", new int[] {0x00, 0x00, 0x01, 0x00});

  final String contentType;
  private final int[] magic;

  ImageFormat(String contentType, int[] magic) {
    this.contentType = contentType;
    this.magic = magic;
  }

  /** The format whose signature {@code bytes} start with, or null. */
  static ImageFormat sniff(byte[] bytes) {
    for (ImageFormat f : values()) {
      if (f.matches(bytes)) {
        return f;
      }
    }
    return null;
  }

  private boolean matches(byte[] bytes) {
    if (bytes.length < Math.max(magic.length, this == ICO ? 6 : 0)) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    // an ICO names how many images it holds: zero is not an icon
    return this != ICO || (bytes[4] & 0xFF | (bytes[5] & 0xFF) << 8) > 0;
  }
}
