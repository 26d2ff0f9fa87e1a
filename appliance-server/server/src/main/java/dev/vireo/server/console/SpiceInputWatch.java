package dev.vireo.server.console;

/**
 * Follows what a SPICE client sends on one channel after the link message (ADR 0031): the auth
 * mechanism (when both sides offered auth selection) and the 128-byte encrypted ticket, then
 * messages with the mini header (type u16, size u32) or the full one (serial u64, type u16, size
 * u32, sub-list u32), all little-endian. User input is a channel-specific message (type 101 and up:
 * key, mouse) on the inputs channel; acks and pongs (types 1-6) are protocol traffic.
 */
final class SpiceInputWatch {
  /** SPICE_CHANNEL_INPUTS. */
  static final int INPUTS_CHANNEL = 3;
  private static final int FIRST_CHANNEL_MESSAGE = 101;

  private final boolean inputs;
  private final int headerSize;
  private final int typeOffset;
  private final byte[] header;
  private long skip;
  private int have;

  /**
   * @param channelType the channel of this connection (from its link message)
   * @param miniHeader  whether both sides offered the mini header
   * @param preamble    bytes before the first message: 128, plus 4 with auth selection
   */
  SpiceInputWatch(int channelType, boolean miniHeader, int preamble) {
    this.inputs = channelType == INPUTS_CHANNEL;
    this.headerSize = miniHeader ? 6 : 18;
    this.typeOffset = miniHeader ? 0 : 8;
    this.header = new byte[headerSize];
    this.skip = preamble;
  }

  /** Feeds bytes the client sent after its link message; true when they held user input. */
  boolean feed(byte[] b, int off, int len) {
    boolean input = false;
    int i = off;
    int end = off + len;
    while (i < end) {
      if (skip > 0) {
        int n = (int) Math.min(skip, end - i);
        skip -= n;
        i += n;
        continue;
      }
      header[have++] = b[i++];
      if (have == headerSize) {
        have = 0;
        int type = (header[typeOffset] & 0xff) | (header[typeOffset + 1] & 0xff) << 8;
        int o = typeOffset + 2;
        skip = (header[o] & 0xffL) | (header[o + 1] & 0xffL) << 8 | (header[o + 2] & 0xffL) << 16
            | (header[o + 3] & 0xffL) << 24;
        input |= inputs && type >= FIRST_CHANNEL_MESSAGE;
      }
    }
    return input;
  }
}
