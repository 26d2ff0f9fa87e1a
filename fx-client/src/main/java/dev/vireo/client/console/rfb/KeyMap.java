package dev.vireo.client.console.rfb;

import java.util.HashMap;
import java.util.Map;

/**
 * Keys as X keysyms (what RFB key events carry) and XT scancodes (what QEMU's extended key event
 * carries, extended keys as {@code 0x80 | code}, as noVNC sends them): the scancode makes a key
 * independent of the client's layout.
 */
public final class KeyMap {
  /** A key: its keysym and XT scancode (0: none known). */
  public record Key(int keysym, int scancode) {}

  /** How a character is typed on a US keyboard. */
  public record Typed(Key key, boolean shift) {}

  public static final Key SHIFT = new Key(0xffe1, 0x2a);
  public static final Key CONTROL = new Key(0xffe3, 0x1d);
  public static final Key ALT = new Key(0xffe9, 0x38);
  public static final Key DELETE = new Key(0xffff, 0x80 | 0x53);
  public static final Key BACKSPACE = new Key(0xff08, 0x0e);
  public static final Key TAB = new Key(0xff09, 0x0f);
  public static final Key ENTER = new Key(0xff0d, 0x1c);
  public static final Key ESCAPE = new Key(0xff1b, 0x01);
  public static final Key SUPER = new Key(0xffeb, 0x80 | 0x5b);

  private static final Map<String, Key> NAMED = new HashMap<>();
  private static final Map<Character, Typed> CHARS = new HashMap<>();

  static {
    named("SHIFT", SHIFT);
    named("CONTROL", CONTROL);
    named("ALT", ALT);
    named("DELETE", DELETE);
    named("BACK_SPACE", BACKSPACE);
    named("TAB", TAB);
    named("ENTER", ENTER);
    named("ESCAPE", ESCAPE);
    named("WINDOWS", SUPER);
    named("META", SUPER);
    named("HOME", new Key(0xff50, 0x80 | 0x47));
    named("LEFT", new Key(0xff51, 0x80 | 0x4b));
    named("UP", new Key(0xff52, 0x80 | 0x48));
    named("RIGHT", new Key(0xff53, 0x80 | 0x4d));
    named("DOWN", new Key(0xff54, 0x80 | 0x50));
    named("PAGE_UP", new Key(0xff55, 0x80 | 0x49));
    named("PAGE_DOWN", new Key(0xff56, 0x80 | 0x51));
    named("END", new Key(0xff57, 0x80 | 0x4f));
    named("INSERT", new Key(0xff63, 0x80 | 0x52));
    named("CAPS", new Key(0xffe5, 0x3a));
    int[] f = {0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40, 0x41, 0x42, 0x43, 0x44, 0x57, 0x58};
    for (int i = 0; i < 12; i++) {
      named("F" + (i + 1), new Key(0xffbe + i, f[i]));
    }
    row("1234567890-=", "!@#$%^&*()_+", 0x02);
    row("qwertyuiop[]", "QWERTYUIOP{}", 0x10);
    row("asdfghjkl;'`", "ASDFGHJKL:\"~", 0x1e);
    row("zxcvbnm,./", "ZXCVBNM<>?", 0x2c);
    CHARS.put('\\', new Typed(new Key('\\', 0x2b), false));
    CHARS.put('|', new Typed(new Key('|', 0x2b), true));
    CHARS.put(' ', new Typed(new Key(' ', 0x39), false));
    CHARS.put('\n', new Typed(ENTER, false));
    CHARS.put('\t', new Typed(TAB, false));
    for (char c = 'a'; c <= 'z'; c++) {
      named(String.valueOf(Character.toUpperCase(c)), CHARS.get(c).key());
    }
    for (char c = '0'; c <= '9'; c++) {
      named("DIGIT" + c, CHARS.get(c).key());
    }
    named("SPACE", CHARS.get(' ').key());
    named("MINUS", CHARS.get('-').key());
    named("EQUALS", CHARS.get('=').key());
    named("COMMA", CHARS.get(',').key());
    named("PERIOD", CHARS.get('.').key());
    named("SLASH", CHARS.get('/').key());
    named("SEMICOLON", CHARS.get(';').key());
    named("QUOTE", CHARS.get('\'').key());
    named("BACK_SLASH", CHARS.get('\\').key());
    named("OPEN_BRACKET", CHARS.get('[').key());
    named("CLOSE_BRACKET", CHARS.get(']').key());
    named("BACK_QUOTE", CHARS.get('`').key());
  }

  private KeyMap() {}

  private static void named(String name, Key key) {
    NAMED.put(name, key);
  }

  /** A row of the US keyboard: unshifted and shifted characters on consecutive scancodes. */
  private static void row(String plain, String shifted, int firstScancode) {
    for (int i = 0; i < plain.length(); i++) {
      char p = plain.charAt(i);
      char s = shifted.charAt(i);
      CHARS.put(p, new Typed(new Key(p, firstScancode + i), false));
      CHARS.put(s, new Typed(new Key(s, firstScancode + i), true));
    }
  }

  /** A key by its JavaFX {@code KeyCode} name ({@code ENTER}, {@code A}, {@code DIGIT1}, {@code F5}), or null. */
  public static Key named(String keyCodeName) {
    return NAMED.get(keyCodeName);
  }

  /** How to type an ASCII character; 422-style refusal for others. */
  public static Typed typed(char c) {
    Typed t = CHARS.get(c);
    if (t == null) {
      throw new IllegalArgumentException("cannot type '" + c + "' (U+" + Integer.toHexString(c)
          + "): only printable ASCII, tab and newline");
    }
    return t;
  }
}
