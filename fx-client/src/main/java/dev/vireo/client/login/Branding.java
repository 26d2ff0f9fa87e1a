package dev.vireo.client.login;

import dev.vireo.api.model.BrandingImage;
import dev.vireo.api.model.BrandingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branding of the login and the windows (M15, white paper 6.1): the platform title, the login
 * title and its colour, description, colours, where the inputs sit, copyright, phone, whether the
 * input box is transparent, the login logo (SVG text or PNG/JPEG bytes), the background image,
 * the big-screen title, and for the main window the favicon (ICO bytes, the window icon) and the
 * platform logo (its header). {@link #defaults()} is the appliance's own branding until the
 * server's is read ({@link #from}).
 */
public record Branding(String title, String description, String primaryColor, String accentColor,
    String inputPosition, String copyright, String logoSvg, String loginTitle, String titleColor, String phone,
    boolean inputTransparent, byte[] logoImage, byte[] backgroundImage, String bigScreenTitle, byte[] favicon,
    Image platformLogo) {
  private static final Logger LOG = LoggerFactory.getLogger(Branding.class);
  private static final String DIR = "/dev/vireo/client/login/branding/";
  private static final String PRIMARY = "#2E7D5B";
  private static final String ACCENT = "#F2B134";
  /** The twelve login title colours of white paper 6.1.3; green is the product's own. */
  static final Map<String, String> TITLE_COLOURS = Map.ofEntries(Map.entry("white", "#FFFFFF"),
      Map.entry("black", "#1A1A1A"), Map.entry("red", "#D32F2F"), Map.entry("yellow", "#F9D71C"),
      Map.entry("green", PRIMARY), Map.entry("cyan", "#00ACC1"), Map.entry("blue", "#1E63B5"),
      Map.entry("brown", "#795548"), Map.entry("purple", "#7B1FA2"), Map.entry("orange", "#F57C00"),
      Map.entry("grey", "#757575"), Map.entry("gold", "#D4AF37"));
  private static final Branding BUILT_IN = new Branding("Vireo", "", PRIMARY, ACCENT, "center", "", null);

  /** Colours that are not {@code #RRGGBB}, unknown title colours and input positions fall back to the defaults. */
  public Branding {
    primaryColor = colour(primaryColor, PRIMARY);
    accentColor = colour(accentColor, ACCENT);
    inputPosition = switch (inputPosition == null ? "" : inputPosition.strip().toLowerCase(Locale.ROOT)) {
      case "left", "right" -> inputPosition.strip().toLowerCase(Locale.ROOT);
      default -> "center";
    };
    title = title == null || title.isBlank() ? "Vireo" : title.strip();
    loginTitle = loginTitle == null || loginTitle.isBlank() ? title : loginTitle.strip();
    titleColor = titleColor == null ? null : TITLE_COLOURS.containsKey(titleColor.strip().toLowerCase(Locale.ROOT))
        ? titleColor.strip().toLowerCase(Locale.ROOT) : null;
    description = description == null ? "" : description;
    copyright = copyright == null ? "" : copyright;
    phone = phone == null ? "" : phone;
    bigScreenTitle = bigScreenTitle == null || bigScreenTitle.isBlank() ? title : bigScreenTitle.strip();
  }

  /** Without favicon and platform logo. */
  public Branding(String title, String description, String primaryColor, String accentColor, String inputPosition,
      String copyright, String logoSvg, String loginTitle, String titleColor, String phone, boolean inputTransparent,
      byte[] logoImage, byte[] backgroundImage, String bigScreenTitle) {
    this(title, description, primaryColor, accentColor, inputPosition, copyright, logoSvg, loginTitle, titleColor,
        phone, inputTransparent, logoImage, backgroundImage, bigScreenTitle, null, null);
  }

  /** The branding of a {@code branding.ini}: no login-specific title, colour, phone or images. */
  public Branding(String title, String description, String primaryColor, String accentColor, String inputPosition,
      String copyright, String logoSvg) {
    this(title, description, primaryColor, accentColor, inputPosition, copyright, logoSvg, null, null, null, false,
        null, null, null);
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

  /** An image as the server serves it. */
  public record Image(byte[] data, String contentType) {
    /** Whether it is SVG text (drawn by {@link BrandLogo}), not PNG/JPEG bytes. */
    public boolean svg() {
      return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("image/svg");
    }
  }

  /**
   * The server's branding; {@code images} reads the image of a kind (called only for the login logo
   * and background, the favicon and the platform logo, when the server has one). An SVG logo is kept
   * as text for {@link BrandLogo}.
   */
  public static Branding from(dev.vireo.api.model.Branding server, Function<String, Image> images) {
    BrandingSettings s = server.settings();
    String logoSvg = null;
    byte[] logo = null;
    Image l = image(server, "login-logo", images);
    if (l != null && l.svg()) {
      logoSvg = new String(l.data(), StandardCharsets.UTF_8);
    } else if (l != null) {
      logo = l.data();
    }
    Image bg = image(server, "login-background", images);
    Image favicon = image(server, "favicon", images);
    return new Branding(s.siteTitle(), s.loginDescription(), s.primaryColor(), s.accentColor(),
        s.loginInputPosition(), s.loginCopyright(), logoSvg, s.loginTitle(), s.loginTitleColor(), s.loginPhone(),
        Boolean.TRUE.equals(s.loginInputTransparent()), logo, bg == null || bg.svg() ? null : bg.data(),
        s.effectiveBigScreenTitle(), favicon == null ? null : favicon.data(), image(server, "logo", images));
  }

  /** The server's branding with its images, through the SDK (blocking: off the FX thread). */
  public static Branding read(dev.vireo.api.client.BrandingClient client) {
    return from(client.get(), kind -> {
      dev.vireo.api.client.BrandingClient.Image image = client.image(kind);
      return new Image(image.data(), image.contentType());
    });
  }

  private static Image image(dev.vireo.api.model.Branding server, String kind, Function<String, Image> images) {
    BrandingImage slot = server.image(kind);
    if (slot == null || slot.url() == null) {
      return null;
    }
    try {
      return images.apply(kind);
    } catch (RuntimeException e) {
      LOG.warn("cannot read the branding image {}: {}", kind, e.toString());
      return null;
    }
  }

  /** The login title colour as {@code #RRGGBB}, or null for the theme's. */
  public String titleHex() {
    return titleColor == null ? null : TITLE_COLOURS.get(titleColor);
  }

  /** The white paper shows the description only when the input box is not centred. */
  public boolean showsDescription() {
    return !inputPosition.equals("center") && !description.isBlank();
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
