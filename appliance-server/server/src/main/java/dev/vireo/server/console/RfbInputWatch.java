package dev.vireo.server.console;

/**
 * Follows the client-to-server half of an RFB 3.8 stream (RFC 6143 and QEMU's extensions) to tell
 * user input (key, pointer, clipboard) from protocol traffic (the update requests a viewer sends
 * all the time), so the gateway closes a session after a while without input, not without bytes.
 * A message it does not know ends the parsing: from then on every byte counts as input (a session
 * is then never closed for idleness wrongly).
 */
final class RfbInputWatch {
  private enum Phase { VERSION, SECURITY, AUTH, INIT, TYPE, HEADER, SKIP, OPAQUE }

  private Phase phase = Phase.VERSION;
  private int need = 12;
  private final byte[] header = new byte[24];
  private int have;
  private int type;
  private long skip;
  private boolean input;

  /** Feeds bytes the client sent; true when they held user input. */
  boolean feed(byte[] b, int off, int len) {
    input = false;
    for (int i = off; i < off + len; i++) {
      if (phase == Phase.OPAQUE) {
        return true;
      }
      step(b[i] & 0xff);
    }
    return input;
  }

  private void step(int v) {
    switch (phase) {
      case VERSION -> {
        if (--need == 0) {
          phase = Phase.SECURITY;
        }
      }
      case SECURITY -> {
        if (v == 2) { // VNC authentication: a 16-byte response, then ClientInit
          phase = Phase.AUTH;
          need = 16;
        } else if (v == 1) {
          phase = Phase.INIT;
        } else {
          phase = Phase.OPAQUE;
        }
      }
      case AUTH -> {
        if (--need == 0) {
          phase = Phase.INIT;
        }
      }
      case INIT -> phase = Phase.TYPE; // the shared flag
      case TYPE -> {
        type = v;
        have = 0;
        int fixed = headerLength(v, 0);
        if (fixed < 0) {
          phase = Phase.OPAQUE;
          input = true;
        } else {
          need = fixed;
          phase = Phase.HEADER;
          if (need == 0) {
            headerDone();
          }
        }
      }
      case HEADER -> {
        header[have++] = (byte) v;
        if (have == need) {
          int more = headerLength(type, have);
          if (more > have) { // a header whose length depends on what was read so far
            need = more;
          } else if (more < 0) {
            phase = Phase.OPAQUE;
            input = true;
          } else {
            headerDone();
          }
        }
      }
      case SKIP -> {
        if (--skip == 0) {
          phase = Phase.TYPE;
        }
      }
      case OPAQUE -> input = true;
      default -> throw new IllegalStateException();
    }
  }

  /**
   * The header length of a message of {@code t} after its type byte, knowing the first
   * {@code read} bytes of it (for QEMU's message the subtype decides); -1: unknown message.
   */
  private int headerLength(int t, int read) {
    return switch (t) {
      case 0 -> 19; // SetPixelFormat
      case 2 -> 3; // SetEncodings: pad, count (then 4 bytes each)
      case 3 -> 9; // FramebufferUpdateRequest
      case 4 -> 7; // KeyEvent
      case 5 -> 5; // PointerEvent
      case 6 -> 7; // ClientCutText: pad 3, length (then the text)
      case 150 -> 9; // EnableContinuousUpdates
      case 248 -> 8; // ClientFence: pad 3, flags 4, length 1 (then the payload)
      case 251 -> 7; // SetDesktopSize: pad, width, height, screens, pad (then 16 bytes each)
      case 255 -> { // QEMU: subtype first
        if (read < 1) {
          yield 1;
        }
        int sub = header[0] & 0xff;
        if (sub == 0) {
          yield 11; // extended key event: down 2, keysym 4, keycode 4
        } else if (sub == 1) { // audio: operation 2, format (2: 6 more)
          if (read < 3) {
            yield 3;
          }
          yield (((header[1] & 0xff) << 8) | (header[2] & 0xff)) == 2 ? 9 : 3;
        }
        yield -1;
      }
      default -> -1;
    };
  }

  private void headerDone() {
    long payload = switch (type) {
      case 2 -> 4L * u16(1);
      case 6 -> u32(3);
      case 248 -> header[7] & 0xff;
      case 251 -> 16L * (header[5] & 0xff);
      default -> 0;
    };
    if (type == 4 || type == 5 || type == 6 || (type == 255 && (header[0] & 0xff) == 0)) {
      input = true;
    }
    if (payload > 0) {
      skip = payload;
      phase = Phase.SKIP;
    } else {
      phase = Phase.TYPE;
    }
  }

  private int u16(int at) {
    return ((header[at] & 0xff) << 8) | (header[at + 1] & 0xff);
  }

  private long u32(int at) {
    return ((long) (header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16) | ((header[at + 2] & 0xff) << 8)
        | (header[at + 3] & 0xff);
  }
}
