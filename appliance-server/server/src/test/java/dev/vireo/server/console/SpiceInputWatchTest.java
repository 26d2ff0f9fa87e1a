package dev.vireo.server.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The SPICE proxy tells acks and pongs from key and mouse messages on the inputs channel (ADR 0031). */
class SpiceInputWatchTest {
  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The ticket, an ack (1) and a pong (3) with an 12-byte body, all protocol traffic. */
  private static byte[] traffic(int preamble, boolean mini) {
    ByteBuffer b = le(preamble + 2 * (mini ? 6 : 18) + 12);
    b.put(new byte[preamble]);
    header(b, mini, 1, 0);
    header(b, mini, 3, 12).put(new byte[12]);
    return b.array();
  }

  private static ByteBuffer header(ByteBuffer b, boolean mini, int type, int size) {
    if (!mini) {
      b.putLong(7);
    }
    b.putShort((short) type).putInt(size);
    return mini ? b : b.putInt(0);
  }

  private static byte[] keyDown(boolean mini) {
    ByteBuffer b = le((mini ? 6 : 18) + 4);
    header(b, mini, 101, 4).putInt(0x1e);
    return b.array();
  }

  private static boolean feedSplit(SpiceInputWatch w, byte[] bytes) {
    boolean input = false;
    for (byte b : bytes) {
      input |= w.feed(new byte[] {b}, 0, 1);
    }
    return input;
  }

  @Test
  void keysOnTheInputsChannelAreInputAcksAndPongsAreNot() {
    for (boolean mini : new boolean[] {true, false}) {
      SpiceInputWatch w = new SpiceInputWatch(SpiceInputWatch.INPUTS_CHANNEL, mini, 132);
      byte[] t = traffic(132, mini);
      assertFalse(w.feed(t, 0, t.length), "ticket, ack and pong are not input (mini " + mini + ")");
      byte[] k = keyDown(mini);
      assertTrue(w.feed(k, 0, k.length), "a key is input (mini " + mini + ")");
      assertFalse(w.feed(t, 132, t.length - 132));
    }
  }

  @Test
  void messagesSplitAnywhereAreFollowed() {
    SpiceInputWatch w = new SpiceInputWatch(SpiceInputWatch.INPUTS_CHANNEL, true, 128);
    assertFalse(feedSplit(w, traffic(128, true)));
    assertTrue(feedSplit(w, keyDown(true)));
  }

  @Test
  void theSameMessageOnAnotherChannelIsNotInput() {
    SpiceInputWatch w = new SpiceInputWatch(2, true, 128);
    byte[] t = traffic(128, true);
    assertFalse(w.feed(t, 0, t.length));
    byte[] k = keyDown(true);
    assertFalse(w.feed(k, 0, k.length), "the display channel's message 101 is not a key");
  }
}
