package dev.vireo.server.image;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.OsType;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.idempotency.IdempotencyKeys;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.job.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** Image import, listing and deletion. */
public final class ImageRoutes {
  /** The images.source column's width. */
  private static final int MAX_SOURCE = 2048;
  private final Jdbi jdbi;
  private final ImageStore images;
  private final Path imageDir;
  private final Submission submission;
  private final IdempotencyKeys idempotency;
  private final ImportImageJob importJob;
  private final DeleteImageJob deleteJob;

  public ImageRoutes(Jdbi jdbi, ImageStore images, Path storageRoot, Submission submission,
      IdempotencyKeys idempotency, ImportImageJob importJob, DeleteImageJob deleteJob) {
    this.jdbi = jdbi;
    this.images = images;
    this.imageDir = storageRoot.toAbsolutePath().resolve("images");
    this.submission = submission;
    this.idempotency = idempotency;
    this.importJob = importJob;
    this.deleteJob = deleteJob;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/images", Access.USER, r -> {
          return Response.ok(r.page(images.list()));
        })
        .get("/api/v1/images/{id}", Access.USER, r -> Response.ok(images.resolve(r.path("id"))
            .orElseThrow(() -> ApiException.notFound("image", r.path("id")))))
        .get("/api/v1/images/{id}/file", Access.USER, this::download)
        .post("/api/v1/images", Access.USER, this::importImage)
        .delete("/api/v1/images/{id}", Access.USER, this::delete);
  }

  private Response importImage(Request r) {
    ImportImageRequest req = r.json(ImportImageRequest.class);
    String name = Names.require("name", req.name());
    Names.description(req.description());
    String source = req.source();
    if (source == null || source.isBlank()) {
      throw ApiException.invalid("source", "is required (a path on the server or an http(s) URL)");
    }
    if (source.length() > MAX_SOURCE) {
      throw ApiException.invalid("source", "must be at most " + MAX_SOURCE + " characters");
    }
    boolean url = source.startsWith("http://") || source.startsWith("https://");
    if (!url) {
      if (!source.startsWith("/")) {
        throw ApiException.invalid("source", "must be an absolute path on the server or an http(s) URL");
      }
      if (!Files.isRegularFile(Path.of(source)) || !Files.isReadable(Path.of(source))) {
        throw ApiException.invalid("source", "file " + source + " does not exist or is not readable on the server");
      }
    }
    ImageFormat format = req.format() == null ? ImageFormat.QCOW2 : req.format();
    String id = Ids.next("img");
    Path file = imageDir.resolve(id + (format == ImageFormat.ISO ? ".iso" : ".qcow2"));
    Image image = new Image(id, name, req.description(), format == ImageFormat.RAW ? ImageFormat.QCOW2 : format,
        req.osType() == null ? OsType.LINUX : req.osType(), req.bootMode() == null ? BootMode.BIOS : req.bootMode(),
        req.kind() == null ? ImageKind.CUSTOM : req.kind(), ImageState.IMPORTING, 0, 0, null, Instant.now());
    return Response.accepted(idempotency.create(r, h -> {
      if (images.nameTaken(name)) { // inside: a retry gets the original answer, not "name taken"
        throw ApiException.conflict("an image named '" + name + "' already exists");
      }
      images.insert(h, image, source, file.toString());
      return submission.job(h, importJob, new ImportImageJob.Context(id, format), "image", id);
    }));
  }

  /**
   * Image export/download (white paper 4.2.4.2 "下载镜像"): the AVAILABLE image's file as stored (a
   * standalone qcow2, or the ISO), resumable with {@code Range}; its ETag is the SHA-256 shown on the image.
   */
  private Response download(Request r) {
    Image image = images.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("image", r.path("id")));
    if (image.state() != ImageState.AVAILABLE) {
      throw ApiException.conflict("image '" + image.name() + "' is " + image.state() + "; only an AVAILABLE image"
          + " can be downloaded");
    }
    Path file = Path.of(images.path(image.id()));
    if (!Files.isRegularFile(file)) {
      throw new ApiException(410, "gone", null, "the file of image '" + image.name() + "' is missing on the server ("
          + file + ")");
    }
    boolean iso = image.format() == ImageFormat.ISO;
    String safe = image.name().replaceAll("[^A-Za-z0-9._-]", "_");
    return Response.file(new dev.vireo.server.http.FileBody(file, iso ? "application/x-iso9660-image"
        : "application/octet-stream", safe + (iso ? ".iso" : ".qcow2"), "\"" + image.checksumSha256() + "\""));
  }

  private Response delete(Request r) {
    Image image = images.resolve(r.path("id")).orElseThrow(() -> ApiException.notFound("image", r.path("id")));
    // an overlay needs its base image; an ISO is needed only while it is in a CD-ROM drive (ADR 0029)
    String use = image.format() == ImageFormat.ISO ? "cdrom_image_id" : "image_id";
    int users = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM vms WHERE " + use + " = :i"
            + " AND state <> 'DELETED'").bind("i", image.id()).mapTo(Integer.class).one());
    if (users > 0) {
      throw ApiException.conflict("image '" + image.name() + "' is used by " + users + " VM(s)");
    }
    if (image.kind() == ImageKind.BASE && !"true".equals(r.query("force"))) {
      throw ApiException.conflict("image '" + image.name() + "' is a base image; delete with ?force=true");
    }
    if (image.state() == ImageState.IMPORTING) {
      throw ApiException.conflict("image '" + image.name() + "' is still importing");
    }
    return Response.accepted(submission.submit(h -> {
      images.setState(image.id(), ImageState.DELETING);
      return submission.job(h, deleteJob, new DeleteImageJob.Context(image.id()), "image", image.id());
    }));
  }
}
