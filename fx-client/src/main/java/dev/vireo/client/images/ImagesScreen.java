package dev.vireo.client.images;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.OsType;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.main.Units;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The images and ISOs (GET /api/v1/images), live on "image" events: import one from a path on the
 * server or an http(s) URL, delete one (a BASE image with force).
 */
public final class ImagesScreen extends ResourceScreen<Image> {
  public ImagesScreen(AppContext ctx, ResourceSession session) {
    super("images", "main.nav.images", session, ResourceSource.paged(Image::id, ctx.client()::listImages)
        .readBy(ctx.client()::getImage).liveOn("image"), List.of(
        new ResourceColumn<>("main.col.name", Image::name),
        new ResourceColumn<>("main.col.kind", Image::kind),
        new ResourceColumn<>("main.col.state", Image::state),
        new ResourceColumn<>("main.col.osType", Image::osType),
        new ResourceColumn<>("main.col.sizeGib", i -> Units.gib(i.sizeBytes())),
        new ResourceColumn<>("main.col.created", Image::createdAt)), List.of(
        new ResourceColumn<>("main.col.description", Image::description),
        new ResourceColumn<>("images.col.format", Image::format),
        new ResourceColumn<>("images.col.bootMode", Image::bootMode),
        new ResourceColumn<>("images.col.virtualGib", i -> Units.gib(i.virtualSizeBytes())),
        new ResourceColumn<>("images.col.sha256", Image::checksumSha256)), Image::name, actions(ctx.client()));
  }

  private static List<ResourceAction<Image>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("images.action.import", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("source", "images.col.source", true),
            FormField.fixed("format", "images.col.format", choices(ImageFormat.values())),
            FormField.fixed("osType", "main.col.osType", choices(OsType.values())),
            FormField.fixed("bootMode", "images.col.bootMode", choices(BootMode.values())),
            FormField.fixed("kind", "main.col.kind", choices(ImageKind.CUSTOM, ImageKind.BASE)),
            FormField.text("description", "main.col.description", false)),
            v -> c.importImage(new ImportImageRequest(v.text("name"), v.text("description"), v.text("source"),
                ImageFormat.valueOf(v.text("format")), OsType.valueOf(v.text("osType")),
                BootMode.valueOf(v.text("bootMode")), ImageKind.valueOf(v.text("kind"))),
                UUID.randomUUID().toString()))),
        ResourceAction.run("images.action.delete", i -> i.state() == ImageState.AVAILABLE
            || i.state() == ImageState.FAILED, (Image i) -> c.deleteImage(i.id(), i.kind() == ImageKind.BASE))
            .confirm("images.confirm.delete"));
  }

  private static List<Choice> choices(Enum<?>... values) {
    return Arrays.stream(values).map(v -> new Choice(v.name(), v.name().toLowerCase(Locale.ROOT))).toList();
  }
}
