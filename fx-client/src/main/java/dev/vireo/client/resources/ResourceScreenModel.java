package dev.vireo.client.resources;

import dev.vireo.api.client.EventStream;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.ServerEvent;
import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.JobNotification;
import dev.vireo.client.jobs.JobTracker;
import dev.vireo.client.jobs.TrackedJob;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

/**
 * A resource screen's state, toolkit-free: the table ({@link ResourceListModel}), its context
 * actions enabled for the selected resource's state, the selected resource's newest job (for a
 * progress bar bound to it), forms for actions that ask, and live updates from the session's event
 * stream (a reconnect that cannot replay reloads). Every accepted action's job is followed by the
 * session's {@link JobTracker}, which notifies when it ends (with the failure reason); its resource
 * is read again then.
 */
public final class ResourceScreenModel<T> implements AutoCloseable {
  private final ResourceSession session;
  private final Messages text;
  private final ResourceListModel<T> list;
  private final Function<T, String> name;
  private final List<ResourceAction<T>> actions;
  private final Map<ResourceAction<T>, BooleanProperty> enabled = new LinkedHashMap<>();
  private final Map<String, String> jobResources = new HashMap<>();
  private final ObjectProperty<TrackedJob> selectedJob = new SimpleObjectProperty<>();
  private final BooleanProperty live = new SimpleBooleanProperty();
  private final EventStream.Listener listener;
  private Consumer<FormModel> formOpener = f -> { };
  private BiConsumer<String, OneTimeSecret> secretOpener = (title, s) -> { };
  private boolean started;
  private boolean everConnected;

  public ResourceScreenModel(ResourceSession session, ResourceSource<T> source, Function<T, String> searchText,
      Function<T, String> name, List<ResourceAction<T>> actions) {
    this.session = session;
    this.text = session.text();
    this.name = name;
    this.actions = List.copyOf(actions);
    this.list = new ResourceListModel<>(source, session.io(), session.ui(), searchText, session.coalesce());
    list.regionProperty().bind(session.region().regionIdProperty());
    for (ResourceAction<T> a : this.actions) {
      enabled.put(a, new SimpleBooleanProperty(a.allowedFor(null)));
    }
    list.selectedProperty().addListener((o, was, now) -> showSelected());
    JobTracker jobs = session.jobs();
    jobs.active().addListener((ListChangeListener<TrackedJob>) c -> showJob());
    jobs.notifications().addListener((ListChangeListener<JobNotification>) c -> {
      while (c.next()) {
        for (JobNotification n : c.getAddedSubList()) {
          String id = n.jobId() == null ? null : jobResources.remove(n.jobId());
          if (id != null) {
            list.changed(id);
          }
        }
      }
      showJob();
    });
    this.listener = new EventStream.Listener() {
      @Override
      public void event(ServerEvent e) {
        list.onEvent(e);
      }

      @Override
      public void connected(boolean replaying) {
        session.ui().execute(() -> {
          live.set(true);
          if (everConnected && !replaying) {
            list.load();
          }
          everConnected = true;
        });
      }

      @Override
      public void disconnected(String reason, Duration retryIn) {
        session.ui().execute(() -> live.set(false));
      }
    };
  }

  /** Loads the table and subscribes to the event stream (the first time). */
  public void start() {
    if (started) {
      return;
    }
    started = true;
    list.load();
    session.subscribe(listener);
  }

  private T selected() {
    ResourceRow<T> r = list.selectedProperty().get();
    return r == null ? null : r.item();
  }

  private void showSelected() {
    T item = selected();
    enabled.forEach((a, p) -> p.set(a.allowedFor(item)));
    showJob();
  }

  private void showJob() {
    ResourceRow<T> r = list.selectedProperty().get();
    selectedJob.set(r == null ? null : session.jobs().latestFor(r.id()).orElse(null));
  }

  /**
   * Runs an action on the selected resource (or a create action): false when it is not allowed now
   * or not confirmed; a form action hands its {@link FormModel} to the form opener.
   */
  public boolean perform(ResourceAction<T> action) {
    T item = selected();
    if (!action.allowedFor(item)) {
      return false;
    }
    String itemName = item == null ? "" : name.apply(item);
    String label = text.get(action.labelKey());
    if (action.confirmKey() != null && !session.dialogs().confirm(text.get("resources.confirm.title", label),
        text.get(action.confirmKey(), itemName))) {
      return false;
    }
    String itemId = item == null ? null : list.selectedProperty().get().id();
    if (action.form() != null) {
      FormSpec spec = action.form().apply(item);
      String title = item == null ? label : text.get("resources.form.title", label, itemName);
      // a revealed secret waits here from the answer (off the UI thread) until the form has closed
      AtomicReference<OneTimeSecret> revealed = new AtomicReference<>();
      Function<FormValues, Accepted> submit = spec.revealing() == null ? spec.submit() : values -> {
        OneTimeSecret s = spec.revealing().apply(values);
        revealed.set(s);
        return s.accepted();
      };
      FormModel form = new FormModel(title, spec.fields(), submit, (values, a) -> {
        String shown = item != null ? itemName : values.text("name") != null ? values.text("name") : a.resourceId();
        follow(a, itemId, label, shown);
        OneTimeSecret s = revealed.getAndSet(null);
        if (s != null && s.secret() != null) {
          secretOpener.accept(title, s);
        }
      }, session.io(), text);
      form.load();
      formOpener.accept(form);
      return true;
    }
    enabled.get(action).set(false);
    session.io().call(() -> action.run().apply(item), a -> follow(a, itemId, label, itemName), e -> {
      session.jobs().notifications().add(new JobNotification(null,
          text.get("resources.job.failed", label, itemName, e.getMessage()), true));
      showSelected();
    });
    return true;
  }

  private void follow(Accepted a, String itemId, String label, String itemName) {
    String resource = itemId != null ? itemId : a.resourceId();
    if (a.jobId() != null) {
      jobResources.put(a.jobId(), resource);
      session.jobs().track(a.jobId(), resource, text.get("resources.job.label", label, itemName),
          text.get("resources.job.done", label, itemName), why -> text.get("resources.job.failed", label, itemName, why));
    }
    if (resource != null) {
      list.changed(resource);
    }
    if (a.resourceId() != null && !a.resourceId().equals(resource)) {
      list.changed(a.resourceId());
    }
    showSelected();
  }

  /** Where forms go: the view opens a dialog (on the UI thread). */
  public void setFormOpener(Consumer<FormModel> opener) {
    this.formOpener = opener;
  }

  /**
   * Where a secret shown once goes, with the form's title (on the UI thread, after its form closed):
   * the view opens its dialog. The model keeps no copy.
   */
  public void setSecretOpener(BiConsumer<String, OneTimeSecret> opener) {
    this.secretOpener = opener;
  }

  public ResourceListModel<T> list() {
    return list;
  }

  public List<ResourceAction<T>> actions() {
    return actions;
  }

  /** The action with this label key. */
  public ResourceAction<T> action(String labelKey) {
    return actions.stream().filter(a -> a.labelKey().equals(labelKey)).findFirst().orElseThrow();
  }

  /** Whether the action is valid for the selection now. */
  public ReadOnlyBooleanProperty enabledProperty(ResourceAction<T> action) {
    return enabled.get(action);
  }

  /** The selected resource's newest job started from this client, or null. */
  public ObjectProperty<TrackedJob> selectedJobProperty() {
    return selectedJob;
  }

  public JobTracker jobs() {
    return session.jobs();
  }

  public BooleanProperty liveProperty() {
    return live;
  }

  @Override
  public void close() {
    session.unsubscribe(listener);
    list.close();
  }
}
