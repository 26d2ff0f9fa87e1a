package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code vireo image list|show|import|delete}. */
final class ImageCommands {
  private final Session session;
  private final Output out;

  ImageCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> show(session.client().getImage(Args.parse(tokens, Set.of(), Set.of()).target("image id or name")));
      case "import" -> importImage(Args.parse(tokens, Set.of("name", "source", "description", "format", "os-type",
          "boot-mode", "kind", "idempotency-key"), Set.of("wait")));
      case "delete" -> delete(Args.parse(tokens, Set.of(), Set.of("force", "wait")));
      default -> throw new UsageException("unknown command 'image " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Image> page = session.client().listImages();
    out.result(page, () -> out.table(List.of("ID", "NAME", "FORMAT", "KIND", "OS", "BOOT", "STATE", "SIZE", "VIRTUAL"),
        page.items().stream().map(i -> Table.row(i.id(), i.name(), Human.str(i.format()), Human.str(i.kind()),
            Human.str(i.osType()), Human.str(i.bootMode()), Human.str(i.state()), Human.bytes(i.sizeBytes()),
            Human.bytes(i.virtualSizeBytes()))).toList()));
  }

  private void show(Image i) {
    out.result(i, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", i.id());
      f.put("name", i.name());
      f.put("description", i.description());
      f.put("state", Human.str(i.state()));
      f.put("format", Human.str(i.format()));
      f.put("kind", Human.str(i.kind()));
      f.put("os type", Human.str(i.osType()));
      f.put("boot mode", Human.str(i.bootMode()));
      f.put("size", Human.bytes(i.sizeBytes()));
      f.put("virtual size", Human.bytes(i.virtualSizeBytes()));
      f.put("sha256", i.checksumSha256());
      f.put("created", Human.time(i.createdAt()));
      out.fields(f);
    });
  }

  private void importImage(Args args) {
    args.noMorePositionalsThan(0);
    ImportImageRequest request = new ImportImageRequest(args.required("name"), args.value("description"),
        args.required("source"), args.choice("format", ImageFormat.class), args.choice("os-type", OsType.class),
        args.choice("boot-mode", BootMode.class), args.choice("kind", ImageKind.class));
    VireoClient client = session.client();
    Accepted accepted = client.importImage(request, args.value("idempotency-key"));
    if (!args.flag("wait")) {
      session.accepted(accepted, "image");
      return;
    }
    session.await(accepted, Session.DEFAULT_WAIT);
    show(client.getImage(accepted.resourceId()));
  }

  private void delete(Args args) {
    String image = args.target("image id or name");
    Accepted accepted = session.client().deleteImage(image, args.flag("force"));
    if (!args.flag("wait")) {
      session.accepted(accepted, "image");
      return;
    }
    Job job = session.await(accepted, Session.DEFAULT_WAIT);
    out.result(job, () -> out.line("image " + accepted.resourceId() + " deleted"));
  }
}
