package dev.vireo.client.settings;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.BrandingClient;
import dev.vireo.api.model.Branding;
import dev.vireo.api.model.BrandingImage;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.login.Favicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The branding images (white paper 6.1, ADR 0044): favicon, platform logo, login logo and login
 * background, each with what the server holds now, an upload from a file ({@link #upload}, the file
 * chooser's path; read and sent off the UI thread) and a removal (back to the default). The
 * server checks format and size by the bytes (413/422); its message shows on the image's row.
 * A PNG chosen as the favicon is sent as a one-entry ICO ({@link Favicon#wrapPng}), the format the
 * server keeps favicons in.
 */
public final class BrandingImagesModel {
  /** The image kinds, in the order shown. */
  public static final List<String> KINDS = List.of("favicon", "logo", "login-logo", "login-background");

  private final BrandingClient client;
  private final Background io;
  private final Messages text;
  private final Map<String, StringProperty> status = new LinkedHashMap<>();
  private final Map<String, StringProperty> errors = new LinkedHashMap<>();
  private final StringProperty notice = new SimpleStringProperty("");
  private Runnable onChanged = () -> {};

  public BrandingImagesModel(BrandingClient client, Background io, Messages text) {
    this.client = client;
    this.io = io;
    this.text = text;
    for (String k : KINDS) {
      status.put(k, new SimpleStringProperty(""));
      errors.put(k, new SimpleStringProperty(""));
    }
  }

  /** Reads what the server holds for each kind. */
  public void load() {
    io.call(client::get, this::show, e -> notice.set(text.get("settings.loadFailed", reason(e))));
  }

  /** Uploads the file at {@code file} as the image of {@code kind}. */
  public void upload(String kind, Path file) {
    errors.get(kind).set("");
    notice.set("");
    io.call(() -> client.setImage(kind, bytes(kind, Files.readAllBytes(file))), b -> changed(b, kind, file),
        e -> errors.get(kind).set(reason(e)));
  }

  /** Removes the uploaded image of {@code kind}: the default shows again. */
  public void remove(String kind) {
    errors.get(kind).set("");
    notice.set("");
    io.call(() -> client.deleteImage(kind), b -> changed(b, kind, null), e -> errors.get(kind).set(reason(e)));
  }

  /** What is sent for a file's bytes: a PNG favicon wrapped as ICO, everything else as it is. */
  static byte[] bytes(String kind, byte[] file) {
    return kind.equals("favicon") && Favicon.isPng(file) ? Favicon.wrapPng(file) : file;
  }

  private void changed(Branding b, String kind, Path file) {
    show(b);
    notice.set(file == null ? text.get("settings.images.removed", text.get("settings.images." + kind))
        : text.get("settings.images.uploaded", text.get("settings.images." + kind), file.getFileName()));
    onChanged.run();
  }

  private void show(Branding b) {
    for (String k : KINDS) {
      status.get(k).set(describe(b.image(k)));
    }
  }

  /** "custom, image/png, 1234 bytes", "default, image/svg+xml" or "none". */
  String describe(BrandingImage i) {
    if (i == null || i.url() == null) {
      return text.get("settings.images.none");
    }
    return text.get(i.custom() ? "settings.images.custom" : "settings.images.default", i.contentType(), i.size());
  }

  private static String reason(Throwable e) {
    if (e instanceof ApiException a) {
      return a.detail();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Runs on the UI executor after each accepted upload or removal. */
  public BrandingImagesModel onChanged(Runnable action) {
    this.onChanged = action;
    return this;
  }

  /** What the server holds for {@code kind}. */
  public StringProperty statusProperty(String kind) {
    return status.get(kind);
  }

  /** The refusal of the last upload or removal of {@code kind}; empty when none. */
  public StringProperty errorProperty(String kind) {
    return errors.get(kind);
  }

  /** What the last change did (or why the images could not be read). */
  public StringProperty noticeProperty() {
    return notice;
  }
}
