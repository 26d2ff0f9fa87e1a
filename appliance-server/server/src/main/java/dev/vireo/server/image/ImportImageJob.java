package dev.vireo.server.image;

import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageState;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.job.JobType;
import dev.vireo.server.job.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** Imports an image: fetch the source, check its format, store it as qcow2 (ISO as is). */
public final class ImportImageJob implements JobType<ImportImageJob.Context> {
  /** The image being imported and the declared format. */
  public record Context(String imageId, ImageFormat format) {}

  private final ImageStore images;
  private final EventBus events;

  public ImportImageJob(ImageStore images, EventBus events) {
    this.images = images;
    this.events = events;
  }

  @Override
  public String name() {
    return "IMPORT_IMAGE";
  }

  @Override
  public Class<Context> contextType() {
    return Context.class;
  }

  private Path staged(Context c) {
    return Path.of(images.path(c.imageId()) + ".download");
  }

  @Override
  public List<Step<Context>> steps() {
    return List.of(
        Step.of("Fetch source", this::fetch, c -> Files.deleteIfExists(staged(c))),
        Step.of("Store as " + "qcow2 or ISO", this::store, c -> Files.deleteIfExists(Path.of(images.path(c.imageId())))),
        Step.of("Mark available", this::finish));
  }

  private void fetch(Context c) throws Exception {
    String source = images.source(c.imageId());
    Path target = staged(c);
    Files.createDirectories(target.getParent());
    if (source.startsWith("http://") || source.startsWith("https://")) {
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(15)).build();
      HttpResponse<Path> r = http.send(HttpRequest.newBuilder(URI.create(source)).build(),
          HttpResponse.BodyHandlers.ofFile(target));
      if (r.statusCode() != 200) {
        throw new JobFailedException("downloading " + source + " answered HTTP " + r.statusCode());
      }
    } else {
      Path from = Path.of(source);
      if (!Files.isRegularFile(from)) {
        throw new JobFailedException("source " + source + " is not a readable file on the server");
      }
      Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void store(Context c) throws Exception {
    Path staged = staged(c);
    Path target = Path.of(images.path(c.imageId()));
    if (Files.exists(target) && !Files.exists(staged)) {
      return; // done before a restart
    }
    if (c.format() == ImageFormat.ISO) {
      Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    QemuImg.Info info = QemuImg.info(staged);
    String expected = c.format() == ImageFormat.RAW ? "raw" : "qcow2";
    if (!info.format().equals(expected)) {
      throw new JobFailedException("the source is " + info.format() + ", not " + expected);
    }
    // Always rewrite: the stored image must have no backing file and no compression surprises.
    Path tmp = Path.of(target + ".tmp");
    QemuImg.convertToQcow2(staged, expected, tmp);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(staged);
  }

  private void finish(Context c) throws Exception {
    ImageFiles.markAvailable(images, c.imageId(), c.format() == ImageFormat.ISO);
  }

  @Override
  public void onSuccess(Context c) {
    events.publish("image", c.imageId(), ImageState.AVAILABLE.name());
  }

  @Override
  public void onFailure(Context c, String reason) {
    images.setState(c.imageId(), ImageState.FAILED);
    events.publish("image", c.imageId(), ImageState.FAILED.name());
  }
}
