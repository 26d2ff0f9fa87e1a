package dev.vireo.server.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The gateway tells a viewer's protocol traffic from user input, message by message, split anywhere. */
class RfbInputWatchTest {
  private static byte[] handshake() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
    b.write(2); // VNC authentication
    b.write(new byte[16]); // the response
    b.write(1); // ClientInit: shared
    return b.toByteArray();
  }

  private static byte[] protocolTraffic() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.write(new byte[] {0, 0, 0, 0, 32, 24, 0, 1, 0, (byte) 255, 0, (byte) 255, 0, (byte) 255, 16, 8, 0, 0, 0, 0});
    d.writeByte(2); // SetEncodings with 3
    d.writeByte(0);
    d.writeShort(3);
    d.writeInt(16);
    d.writeInt(0);
    d.writeInt(-258);
    for (int i = 0; i < 3; i++) { // FramebufferUpdateRequests
      d.write(new byte[] {3, 1, 0, 0, 0, 0, 2, (byte) 208, 1, (byte) 144});
    }
    return b.toByteArray();
  }

  @Test
  void updateRequestsAreNotInputButKeysPointerAndClipboardAre() throws IOException {
    RfbInputWatch w = new RfbInputWatch();
    assertFalse(w.feed(handshake(), 0, handshake().length));
    byte[] traffic = protocolTraffic();
    for (int i = 0; i < traffic.length; i++) { // one byte at a time: messages split anywhere
      assertFalse(w.feed(traffic, i, 1), "byte " + i + " of protocol traffic");
    }
    assertTrue(w.feed(new byte[] {4, 1, 0, 0, 0, 0, (byte) 0xff, 0x0d}, 0, 8), "a key event");
    assertFalse(w.feed(new byte[] {3, 1, 0, 0, 0, 0, 2, (byte) 208, 1, (byte) 144}, 0, 10));
    assertTrue(w.feed(new byte[] {5, 0, 0, 10, 0, 20}, 0, 6), "a pointer event");
    byte[] qemuKey = {(byte) 255, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0, 0x1e};
    assertTrue(w.feed(qemuKey, 0, 6) | w.feed(qemuKey, 6, 6), "a QEMU extended key event, split");
    byte[] cut = {6, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c'};
    assertTrue(w.feed(cut, 0, cut.length), "clipboard text");
    assertFalse(w.feed(new byte[] {3, 1, 0, 0, 0, 0, 2, (byte) 208, 1, (byte) 144}, 0, 10), "still in step");
  }

  @Test
  void anUnknownMessageMakesEverythingCountAsInput() throws IOException {
    RfbInputWatch w = new RfbInputWatch();
    w.feed(handshake(), 0, handshake().length);
    assertTrue(w.feed(new byte[] {99}, 0, 1));
    assertTrue(w.feed(new byte[] {3, 1, 0, 0, 0, 0, 2, (byte) 208, 1, (byte) 144}, 0, 10), "no longer parsed");
  }
}
