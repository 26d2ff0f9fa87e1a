package dev.vireo.client.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.client.app.Messages;
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
 * The resource screens' and the console's text: both languages have the same keys, every key the
 * code names (as a string literal in the package, or a {@code main.}/{@code resources.} key used
 * there) is in some bundle in both languages, and every text is a valid MessageFormat pattern.
 */
class ScreenTextTest {
  private static final Pattern KEY = Pattern.compile(
      "\"((?:main|resources|disks|networks|secgroups|images|console|roles|apikeys|oauth|specs)\\.[A-Za-z0-9.-]*[A-Za-z0-9])\"");

  @ParameterizedTest
  @ValueSource(strings = {"resources", "disks", "networks", "secgroups", "images", "console", "roles", "apikeys",
      "oauth", "specs"})
  void everyKeyUsedIsInBothLanguages(String pkg) throws IOException {
    Properties en = bundle(pkg, "messages.properties");
    Properties zh = bundle(pkg, "messages_zh.properties");
    assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()),
        "the same keys in English and Chinese");
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/vireo/client", pkg))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertTrue(used.size() >= 5, "found the keys in use: " + used);
    Messages english = new Messages(Locale.ENGLISH);
    Messages chinese = new Messages(Locale.CHINESE);
    for (String key : used) {
      if (key.endsWith(".")) {
        continue;
      }
      assertTrue(english.has(key), key + " in English");
      assertTrue(chinese.has(key), key + " in Chinese");
    }
    for (String key : en.stringPropertyNames()) {
      new MessageFormat(en.getProperty(key), Locale.ENGLISH).format(new Object[] {"a", "b", "c"});
      new MessageFormat(zh.getProperty(key), Locale.CHINESE).format(new Object[] {"a", "b", "c"});
    }
  }

  private static Properties bundle(String pkg, String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = ScreenTextTest.class.getResourceAsStream("/dev/vireo/client/" + pkg + "/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
