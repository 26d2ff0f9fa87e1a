package dev.vireo.client.resources;

import dev.vireo.api.client.Paging;
import dev.vireo.api.model.Page;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where a resource table's rows come from: a paged list call ({@code GET /api/v1/<kind>?offset&limit}),
 * the row's id, optionally a read of one by id (live updates then refresh only the rows an event
 * names; without one an event reloads the list), the event kinds that concern it, and when a read
 * resource counts as gone (e.g. state DELETED), and optionally the region a resource lies in (the
 * table then follows the main window's region switcher, ADR 0047). The list and read functions block
 * on the network and are called through {@code Background} only; {@code region} reads the resource.
 */
public record ResourceSource<T>(Function<T, String> id, Function<Paging, Page<T>> pages,
    Function<String, T> reader, Set<String> eventKinds, Predicate<T> gone, Function<T, String> region) {

  public ResourceSource(Function<T, String> id, Function<Paging, Page<T>> pages, Function<String, T> reader,
      Set<String> eventKinds, Predicate<T> gone) {
    this(id, pages, reader, eventKinds, gone, null);
  }

  /** A paged list. */
  public static <T> ResourceSource<T> paged(Function<T, String> id, Function<Paging, Page<T>> pages) {
    return new ResourceSource<>(id, pages, null, Set.of(), t -> false);
  }

  /** A list the server hands over whole (one page). */
  public static <T> ResourceSource<T> whole(Function<T, String> id, Supplier<List<T>> all) {
    return paged(id, p -> {
      List<T> items = all.get();
      return new Page<>(items, items.size(), 0, items.size());
    });
  }

  /** Live updates read one resource by id (a 404 removes its row). */
  public ResourceSource<T> readBy(Function<String, T> read) {
    return new ResourceSource<>(id, pages, read, eventKinds, gone, region);
  }

  /** Events of these kinds ({@code ServerEvent.kind()}) change the table. */
  public ResourceSource<T> liveOn(String... kinds) {
    return new ResourceSource<>(id, pages, reader, Set.of(kinds), gone, region);
  }

  public ResourceSource<T> goneWhen(Predicate<T> isGone) {
    return new ResourceSource<>(id, pages, reader, eventKinds, isGone, region);
  }

  /** The region of a resource (null: none, shown in every region): the table follows the region switcher. */
  public ResourceSource<T> inRegion(Function<T, String> regionOf) {
    return new ResourceSource<>(id, pages, reader, eventKinds, gone, regionOf);
  }
}
