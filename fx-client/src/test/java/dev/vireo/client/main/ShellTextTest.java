package dev.vireo.client.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shell's UI text: for the login and main packages, both bundles have the same keys, every
 * key the code uses is there, and every text is a valid MessageFormat pattern in both languages.
 */
class ShellTextTest {
  private static final Pattern USED = Pattern.compile(
      "(?:text\\.get|ResourceColumn<>|super)\\(\\s*\"((?:main|login)\\.[A-Za-z.]*[A-Za-z])\"\\s*[,)]");

  @ParameterizedTest
  @ValueSource(strings = {"main", "login"})
  void everyKeyUsedIsInBothLanguages(String pkg) throws IOException {
    Properties en = bundle(pkg, "messages.properties");
    Properties zh = bundle(pkg, "messages_zh.properties");
    assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()),
        "the same keys in English and Chinese");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/vireo/client", pkg))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = USED.matcher(Files.readString(f));
        while (m.find()) {
          if (m.group(1).startsWith(pkg + ".")) {
            used.add(m.group(1));
          }
        }
      }
    }
    if (pkg.equals("main")) {
      used.addAll(Set.of("main.lang.en", "main.lang.zh")); // "main.lang." + code
    }
    assertTrue(used.size() > 10, "found the keys in use: " + used);
    for (String key : used) {
      assertTrue(en.containsKey(key), key + " in messages.properties");
      assertTrue(zh.containsKey(key), key + " in messages_zh.properties");
    }
    for (String key : en.stringPropertyNames()) {
      new MessageFormat(en.getProperty(key), Locale.ENGLISH).format(new Object[] {"a", "b", "c"});
      new MessageFormat(zh.getProperty(key), Locale.CHINESE).format(new Object[] {"a", "b", "c"});
    }
    assertTrue(zh.getProperty(pkg.equals("main") ? "main.logout" : "login.connect").matches(".*[\\u4e00-\\u9fff].*"),
        "the Chinese bundle is read as UTF-8");
  }

  private static Properties bundle(String pkg, String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = ShellTextTest.class.getResourceAsStream("/dev/vireo/client/" + pkg + "/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
