package dev.vireo.client.main;

import java.util.List;
import java.util.Locale;

/**
 * The desktop client's command line: {@code --server URL}, {@code --lang en|zh},
 * {@code --theme light|dark}, {@code --big-screen} and {@code --user NAME}. Absent values are
 * null (language and theme then come from the preferences or the OS locale, see {@link ClientShell}).
 */
public record StartOptions(String server, String lang, Theme theme, boolean bigScreen, String user) {
  /** Nothing given. */
  public static StartOptions none() {
    return new StartOptions(null, null, null, false, null);
  }

  /**
   * Parses the raw arguments; {@code --name=value} works as well as {@code --name value}.
   *
   * @throws IllegalArgumentException for an unknown option, a missing or bad value
   */
  public static StartOptions parse(List<String> args) {
    String server = null;
    String lang = null;
    Theme theme = null;
    boolean bigScreen = false;
    String user = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      switch (name) {
        case "--big-screen" -> bigScreen = true;
        case "--server", "--lang", "--theme", "--user" -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new IllegalArgumentException(name + " needs a value");
            }
            value = args.get(++i);
          }
          switch (name) {
            case "--server" -> server = value.strip();
            case "--lang" -> lang = language(value);
            case "--theme" -> theme = Theme.parse(value);
            default -> user = value.strip();
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + arg
            + " (known: --server URL, --lang en|zh, --theme light|dark, --big-screen, --user NAME)");
      }
    }
    return new StartOptions(server, lang, theme, bigScreen, user);
  }

  /** A copy pointing at another server (the test harness). */
  public StartOptions withServer(String url) {
    return new StartOptions(url, lang, theme, bigScreen, user);
  }

  /** {@code zh} for a Chinese OS locale, otherwise {@code en}. */
  public static String languageOf(Locale locale) {
    return "zh".equals(locale.getLanguage()) ? "zh" : "en";
  }

  private static String language(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!v.equals("en") && !v.equals("zh")) {
      throw new IllegalArgumentException("--lang must be en or zh, got " + value);
    }
    return v;
  }
}
