package dev.vireo.server.image;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.OsType;
import dev.vireo.server.inventory.Rows;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Images and where their files are. */
public final class ImageStore {
  private final Jdbi jdbi;

  public ImageStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Image> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE NOT deleted ORDER BY created_at, id")
        .map(ImageStore::map).list());
  }

  public Optional<Image> get(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE id = :id AND NOT deleted").bind("id", id)
        .map(ImageStore::map).findOne());
  }

  /** By id, else by name (names are unique among live images). */
  public Optional<Image> resolve(String idOrName) {
    return get(idOrName).or(() -> jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM images WHERE name = :n AND NOT deleted").bind("n", idOrName).map(ImageStore::map).findOne()));
  }

  public boolean nameTaken(String name) {
    return resolveByName(name).isPresent();
  }

  private Optional<Image> resolveByName(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM images WHERE name = :n AND NOT deleted").bind("n", name)
        .map(ImageStore::map).findOne());
  }

  public String path(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT path FROM images WHERE id = :id").bind("id", id)
        .mapTo(String.class).one());
  }

  public String source(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT source FROM images WHERE id = :id").bind("id", id)
        .mapTo(String.class).one());
  }

  public void insert(Handle h, Image i, String source, String path) {
    h.createUpdate("INSERT INTO images (id, name, description, format, os_type, boot_mode, kind, state, source, path,"
            + " size_bytes, virtual_size_bytes, created_at) VALUES (:id, :n, :d, :f, :o, :b, :k, :s, :src, :p, 0, 0, :t)")
        .bind("id", i.id()).bind("n", i.name()).bind("d", i.description()).bind("f", i.format().name())
        .bind("o", i.osType().name()).bind("b", i.bootMode().name()).bind("k", i.kind().name())
        .bind("s", i.state().name()).bind("src", source).bind("p", path).bind("t", Rows.now()).execute();
  }

  public void available(String id, long size, long virtualSize, String sha256) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE images SET state = 'AVAILABLE', size_bytes = :s,"
            + " virtual_size_bytes = :v, checksum_sha256 = :c WHERE id = :id")
        .bind("s", size).bind("v", virtualSize).bind("c", sha256).bind("id", id).execute());
  }

  public void setState(String id, ImageState state) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE images SET state = :s WHERE id = :id")
        .bind("s", state.name()).bind("id", id).execute());
  }

  public void markDeleted(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE images SET deleted = TRUE WHERE id = :id").bind("id", id).execute());
  }

  private static Image map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new Image(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        ImageFormat.valueOf(rs.getString("format")), OsType.valueOf(rs.getString("os_type")),
        BootMode.valueOf(rs.getString("boot_mode")), ImageKind.valueOf(rs.getString("kind")),
        ImageState.valueOf(rs.getString("state")), rs.getLong("size_bytes"), rs.getLong("virtual_size_bytes"),
        rs.getString("checksum_sha256"), Rows.instant(rs, "created_at"));
  }
}
