package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanTest {
  @Test
  void sizesUseBinaryUnitsWithOneDecimal() {
    assertEquals("0 B", Human.bytes(0));
    assertEquals("1023 B", Human.bytes(1023));
    assertEquals("1.5 KiB", Human.bytes(1536));
    assertEquals("15.2 MiB", Human.bytes(15_938_355));
    assertEquals("40.0 GiB", Human.bytes(40L << 30));
  }
}
