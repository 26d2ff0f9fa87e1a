package dev.vireo.client.resources;

import dev.vireo.api.model.Accepted;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A context action of a resource screen: enabled only for resources {@code allowed} accepts (the
 * server's states, so only valid actions are offered), either sending a request at once
 * ({@code run}, after a confirmation when {@code confirmKey} is set) or opening a form
 * ({@code form}). A create action needs no selection. {@code labelKey}: its menu text, also the
 * start of its job's label and notification.
 */
public record ResourceAction<T>(String labelKey, boolean onSelection, Predicate<T> allowed, String confirmKey,
    Function<T, Accepted> run, Function<T, FormSpec> form) {

  /** Sends {@code run} for the selected resource. */
  public static <T> ResourceAction<T> run(String labelKey, Predicate<T> allowed, Function<T, Accepted> run) {
    return new ResourceAction<>(labelKey, true, allowed, null, run, null);
  }

  /** Opens a form about the selected resource. */
  public static <T> ResourceAction<T> form(String labelKey, Predicate<T> allowed, Function<T, FormSpec> form) {
    return new ResourceAction<>(labelKey, true, allowed, null, null, form);
  }

  /** Opens a form that makes a new resource (no selection needed). */
  public static <T> ResourceAction<T> create(String labelKey, Supplier<FormSpec> form) {
    return new ResourceAction<>(labelKey, false, t -> true, null, null, t -> form.get());
  }

  /** Asks first; {@code confirmKey}'s text takes the resource's name as {0}. */
  public ResourceAction<T> confirm(String key) {
    return new ResourceAction<>(labelKey, onSelection, allowed, key, run, form);
  }

  /** Whether it may start for {@code item} (null: nothing selected). */
  public boolean allowedFor(T item) {
    return onSelection ? item != null && allowed.test(item) : true;
  }

  /** The suffix of its node ids, e.g. {@code delete} for {@code disks.action.delete}. */
  public String idSuffix() {
    return labelKey.substring(labelKey.lastIndexOf('.') + 1);
  }
}
