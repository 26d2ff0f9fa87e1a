package dev.vireo.client.vms;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.Vm;
import dev.vireo.api.model.VmNic;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.JobTracker;
import dev.vireo.client.jobs.TrackedJob;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The detail pane of the selected VM: its fields as text, its disks and NICs, its image's name,
 * its last job with progress, and its context actions — each enabled only in the states the server
 * accepts it in ({@link VmAction}); stop, force stop and delete ask the {@link DialogService} first.
 * Every action's job is followed by the {@link JobTracker}, which notifies when it ends.
 */
public final class VmDetailViewModel {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
      .withZone(ZoneId.systemDefault());

  private final VmApi api;
  private final Background io;
  private final Messages text;
  private final DialogService dialogs;
  private final JobTracker jobs;
  private final VmListViewModel list;
  private final ObjectProperty<Vm> vm = new SimpleObjectProperty<>();
  private final StringProperty id = new SimpleStringProperty("");
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty state = new SimpleStringProperty("");
  private final StringProperty stateReason = new SimpleStringProperty("");
  private final StringProperty node = new SimpleStringProperty("");
  private final StringProperty spec = new SimpleStringProperty("");
  private final StringProperty image = new SimpleStringProperty("");
  private final StringProperty created = new SimpleStringProperty("");
  private final StringProperty lastJob = new SimpleStringProperty("");
  private final DoubleProperty jobProgress = new SimpleDoubleProperty(0);
  private final BooleanProperty jobRunning = new SimpleBooleanProperty();
  private final ObservableList<Disk> disks = FXCollections.observableArrayList();
  private final ObservableList<VmNic> nics = FXCollections.observableArrayList();
  private final Map<VmAction, BooleanProperty> enabled = new EnumMap<>(VmAction.class);
  private final Map<String, String> imageNames = new HashMap<>();
  private BiConsumer<String, VmApi.ConsoleConnection> consoleOpener = (vmName, c) -> { };
  private TrackedJob shownJob;

  public VmDetailViewModel(VmApi api, Background io, Messages text, DialogService dialogs, JobTracker jobs,
      VmListViewModel list) {
    this.api = api;
    this.io = io;
    this.text = text;
    this.dialogs = dialogs;
    this.jobs = jobs;
    this.list = list;
    for (VmAction a : VmAction.values()) {
      enabled.put(a, new SimpleBooleanProperty(false));
    }
    list.selectedProperty().addListener((o, was, now) -> show(now == null ? null : now.vm(), was == null
        || now == null || !was.id().equals(now.id())));
    jobs.active().addListener((ListChangeListener<TrackedJob>) c -> showJob());
    jobs.notifications().addListener((ListChangeListener<Object>) c -> showJob());
  }

  /** Where a console that was opened goes: the view shows it in a window or tab (on the UI thread). */
  public void setConsoleOpener(BiConsumer<String, VmApi.ConsoleConnection> opener) {
    this.consoleOpener = opener;
  }

  private void show(Vm v, boolean otherVm) {
    vm.set(v);
    for (VmAction a : VmAction.values()) {
      enabled.get(a).set(v != null && a.allowedIn(v.state()));
    }
    if (v == null) {
      List.of(id, name, state, stateReason, node, spec, image, created).forEach(p -> p.set(""));
      disks.clear();
      nics.clear();
      showJob();
      return;
    }
    id.set(v.id());
    name.set(v.name());
    state.set(v.state() == null ? "" : text.get("vms.state." + v.state().name()));
    stateReason.set(v.stateReason() == null ? "" : v.stateReason());
    node.set(list.row(v.id()).map(VmRow::nodeName).filter(s -> !s.isEmpty()).orElse(text.get("vms.detail.none")));
    spec.set(text.get("vms.detail.spec-value", v.cpu(), v.memoryGiB(), v.systemDiskGiB()));
    created.set(v.createdAt() == null ? "" : WHEN.format(v.createdAt()));
    nics.setAll(v.nics() == null ? List.of() : v.nics());
    showImage(v);
    if (otherVm) {
      disks.clear();
    }
    String vmId = v.id();
    io.call(() -> api.listVmDisks(vmId), d -> {
      if (vm.get() != null && vm.get().id().equals(vmId)) {
        disks.setAll(d);
      }
    }, e -> { });
    showJob();
  }

  private void showImage(Vm v) {
    String imageId = v.imageId();
    if (imageId == null) {
      image.set(text.get("vms.detail.no-image"));
      return;
    }
    String known = imageNames.get(imageId);
    image.set(known != null ? known : imageId);
    if (known == null) {
      io.call(() -> api.getImage(imageId), (Image i) -> {
        imageNames.put(imageId, i.name());
        if (vm.get() != null && imageId.equals(vm.get().imageId())) {
          image.set(i.name());
        }
      }, e -> { });
    }
  }

  private void showJob() {
    Vm v = vm.get();
    TrackedJob j = v == null ? null : jobs.latestFor(v.id()).orElse(null);
    if (j == shownJob && j != null) {
      return;
    }
    jobProgress.unbind();
    jobRunning.unbind();
    lastJob.unbind();
    shownJob = j;
    if (j == null) {
      lastJob.set(text.get("vms.detail.none"));
      jobRunning.set(false);
      jobProgress.set(0);
      return;
    }
    jobRunning.bind(j.finishedProperty().not());
    jobProgress.bind(j.progressProperty());
    lastJob.bind(Bindings.createStringBinding(() -> j.label() + " — " + (j.errorProperty().get() != null
        ? text.get("vms.job.outcome-failed", j.errorProperty().get())
        : text.get("vms.job.state." + j.stateProperty().get().name())), j.stateProperty(), j.errorProperty()));
  }

  /**
   * Runs an action on the selected VM: asks first when destructive, then submits it and follows its
   * job; false when it was not allowed, not confirmed, or nothing is selected.
   */
  public boolean perform(VmAction action) {
    Vm v = vm.get();
    if (v == null || !action.allowedIn(v.state())) {
      return false;
    }
    String vmName = v.name();
    if (action.destructive() && !dialogs.confirm(text.get("vms.confirm." + action.key() + ".title"),
        text.get("vms.confirm." + action.key() + ".message", vmName))) {
      return false;
    }
    String vmId = v.id();
    if (action == VmAction.CONSOLE) {
      io.call(() -> api.openConsole(vmId), c -> consoleOpener.accept(vmName, c),
          e -> jobs.notifications().add(new dev.vireo.client.jobs.JobNotification(null,
              text.get("vms.console.failed", vmName, e.getMessage()), true)));
      return true;
    }
    enabled.get(action).set(false);
    String label = text.get("vms.job." + action.key() + ".label", vmName);
    io.call(() -> submit(action, vmId), (Accepted a) -> {
      jobs.track(a.jobId(), vmId, label, text.get("vms.job." + action.key() + ".done", vmName),
          why -> text.get("vms.job." + action.key() + ".failed", vmName, why));
      list.vmChanged(vmId);
    }, e -> {
      jobs.notifications().add(new dev.vireo.client.jobs.JobNotification(null,
          text.get("vms.job." + action.key() + ".failed", vmName, e.getMessage()), true));
      list.vmChanged(vmId);
    });
    return true;
  }

  private Accepted submit(VmAction action, String vmId) {
    return switch (action) {
      case START -> api.startVm(vmId);
      case STOP -> api.stopVm(vmId);
      case REBOOT -> api.rebootVm(vmId);
      case FORCE_STOP -> api.powerOffVm(vmId);
      case SUSPEND -> api.suspendVm(vmId);
      case RESUME -> api.resumeVm(vmId);
      case MIGRATE -> api.migrateVm(vmId);
      case DELETE -> api.deleteVm(vmId);
      case CONSOLE -> throw new IllegalArgumentException("the console starts no job");
    };
  }

  /** Whether the action is valid for the selected VM's state now. */
  public ReadOnlyBooleanProperty enabledProperty(VmAction action) {
    return enabled.get(action);
  }

  public ObjectProperty<Vm> vmProperty() {
    return vm;
  }

  public StringProperty idProperty() {
    return id;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public StringProperty stateProperty() {
    return state;
  }

  public StringProperty stateReasonProperty() {
    return stateReason;
  }

  public StringProperty nodeProperty() {
    return node;
  }

  public StringProperty specProperty() {
    return spec;
  }

  public StringProperty imageProperty() {
    return image;
  }

  public StringProperty createdProperty() {
    return created;
  }

  /** The VM's newest job started from this client: what it is and how it ended. */
  public StringProperty lastJobProperty() {
    return lastJob;
  }

  /** The last job's progress, 0..1 or -1 (indeterminate). */
  public DoubleProperty jobProgressProperty() {
    return jobProgress;
  }

  public BooleanProperty jobRunningProperty() {
    return jobRunning;
  }

  public ObservableList<Disk> disks() {
    return disks;
  }

  public ObservableList<VmNic> nics() {
    return nics;
  }
}
