package dev.vireo.client.main;

import dev.vireo.api.model.Image;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The images and ISOs (GET /api/v1/images), read-only. */
public final class ImagesScreen extends ResourceScreen<Image> {
  public ImagesScreen(AppContext ctx) {
    super("main.nav.images", ctx, () -> ctx.client().listImages().items(), List.of(
        new ResourceColumn<>("main.col.name", Image::name),
        new ResourceColumn<>("main.col.kind", Image::kind),
        new ResourceColumn<>("main.col.state", Image::state),
        new ResourceColumn<>("main.col.osType", Image::osType),
        new ResourceColumn<>("main.col.sizeGib", i -> Units.gib(i.sizeBytes())),
        new ResourceColumn<>("main.col.created", Image::createdAt)));
  }
}
