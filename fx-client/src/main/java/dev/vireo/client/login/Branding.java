package dev.vireo.client.login;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product's branding on the login (M15): title, description, colours, where the inputs sit,
 * copyright and the logo (SVG text). The API has no branding endpoint yet, so {@link #defaults()}
 * reads the appliance's defaults ({@code branding/default/branding.ini} and {@code logo.svg},
 * copied onto the classpath by the build).
 */
public record Branding(String title, String description, String primaryColor, String accentColor,
    String inputPosition, String copyright, String logoSvg) {
  private static final Logger LOG = LoggerFactory.getLogger(Branding.class);
  private static final String DIR = "/dev/vireo/client/login/branding/";
  private static final String PRIMARY = "#2E7D5B";
  private static final String ACCENT = "#F2B134";
  private static final Branding BUILT_IN = new Branding("Vireo", "", PRIMARY, ACCENT, "center", "", null);

  /** Colours that are not {@code #RRGGBB} and unknown input positions fall back to the defaults. */
  public Branding {
    primaryColor = colour(primaryColor, PRIMARY);
    accentColor = colour(accentColor, ACCENT);
    inputPosition = switch (inputPosition == null ? "" : inputPosition.strip().toLowerCase(Locale.ROOT)) {
      case "left", "right" -> inputPosition.strip().toLowerCase(Locale.ROOT);
      default -> "center";
    };
  }

  /** The appliance's default branding. */
  public static Branding defaults() {
    try {
      String ini = resource("branding.ini");
      return ini == null ? BUILT_IN : parse(ini, resource("logo.svg"));
    } catch (IOException e) {
      LOG.warn("cannot read the default branding", e);
      return BUILT_IN;
    }
  }

  /** From the text of a {@code branding.ini} ({@code [branding]} section, {@code key = value}) and a logo. */
  public static Branding parse(String ini, String logoSvg) throws IOException {
    Properties p = new Properties();
    try (Reader r = new java.io.StringReader(ini)) {
      p.load(r);
    }
    return new Branding(p.getProperty("title", "Vireo"), p.getProperty("description", ""),
        p.getProperty("primary_color"), p.getProperty("accent_color"), p.getProperty("login_input_position"),
        p.getProperty("copyright", ""), logoSvg);
  }

  private static String colour(String value, String fallback) {
    return value != null && value.strip().matches("#[0-9A-Fa-f]{6}") ? value.strip() : fallback;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Branding.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        return null;
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        for (int n; (n = r.read(buf)) > 0; ) {
          sb.append(buf, 0, n);
        }
        return sb.toString();
      }
    }
  }
}
