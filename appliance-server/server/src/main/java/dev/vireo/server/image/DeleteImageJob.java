package dev.vireo.server.image;

import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Removes an image's file and its inventory row (refused earlier while VMs use it). */
public final class DeleteImageJob implements JobType<DeleteImageJob.Context> {
  /** The image to delete. */
  public record Context(String imageId) {}

  private final ImageStore images;
  private final EventBus events;

  public DeleteImageJob(ImageStore images, EventBus events) {
    this.images = images;
    this.events = events;
  }

  @Override
  public String name() {
    return "DELETE_IMAGE";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Remove image file", c -> Files.deleteIfExists(Path.of(images.path(c.imageId())))),
        Step.of("Remove from inventory", c -> images.markDeleted(c.imageId())));
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("image", c.imageId(), "DELETED");
  }
}
