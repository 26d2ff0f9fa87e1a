package dev.vireo.client.vms;

import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.Disk;
import dev.vireo.api.model.HaMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageState;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.Spec;
import dev.vireo.api.model.VmNicRequest;
import dev.vireo.client.app.Background;
import dev.vireo.client.app.Messages;
import dev.vireo.client.jobs.JobNotification;
import dev.vireo.client.jobs.JobTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The VM create wizard's state and rules: its steps (spec, source, network, security groups, guest,
 * availability), the choices the server offers for each ({@link #load}), a validation message per
 * field ({@link #errors()}, keyed by {@link Field}), and {@link #finish}, which creates the VM — or
 * {@code count} VMs named {@code name-1} … for a batch, one request each (the API creates one VM
 * per call) — and follows their jobs. New VMs appear in the table through the event stream.
 */
public final class CreateVmWizardModel {
  /** The wizard's pages, in order. */
  public enum Step { SPEC, SOURCE, NETWORK, SECURITY, GUEST, AVAILABILITY }

  /** Where the system disk comes from. */
  public enum Source { IMAGE, DISK }

  /** The fields that can carry a validation message (text keys {@code vms.wizard.field.<name>}). */
  public enum Field { NAME, SPEC, IMAGE, DISK, NETWORKS, SECURITY_GROUPS, HOSTNAME, PASSWORD, COUNT, SYSTEM_DISK }

  static final int MAX_COUNT = 50;
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]+([.-][A-Za-z0-9]+)*");

  private final VmApi api;
  private final Background io;
  private final Messages text;
  private final JobTracker jobs;
  private final ObservableList<Spec> specs = FXCollections.observableArrayList();
  private final ObservableList<Image> images = FXCollections.observableArrayList();
  private final ObservableList<Disk> disks = FXCollections.observableArrayList();
  private final ObservableList<Network> networks = FXCollections.observableArrayList();
  private final ObservableList<SecurityGroup> securityGroups = FXCollections.observableArrayList();
  private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.SPEC);
  private final StringProperty name = new SimpleStringProperty("");
  private final ObjectProperty<Spec> spec = new SimpleObjectProperty<>();
  private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.IMAGE);
  private final ObjectProperty<Image> image = new SimpleObjectProperty<>();
  private final ObjectProperty<Disk> disk = new SimpleObjectProperty<>();
  private final ObjectProperty<Integer> systemDiskGiB = new SimpleObjectProperty<>();
  private final ObservableList<Network> chosenNetworks = FXCollections.observableArrayList();
  private final ObservableList<SecurityGroup> chosenSecurityGroups = FXCollections.observableArrayList();
  private final StringProperty hostname = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty passwordRepeat = new SimpleStringProperty("");
  private final ObjectProperty<BootMode> bootMode = new SimpleObjectProperty<>(BootMode.BIOS);
  private final ObjectProperty<HaMode> haMode = new SimpleObjectProperty<>(HaMode.NONE);
  private final IntegerProperty count = new SimpleIntegerProperty(1);
  private final BooleanProperty start = new SimpleBooleanProperty(true);
  private final BooleanProperty submitting = new SimpleBooleanProperty();
  private final StringProperty loadError = new SimpleStringProperty();
  private final ObservableMap<Field, String> errors = FXCollections.observableHashMap();

  public CreateVmWizardModel(VmApi api, Background io, Messages text, JobTracker jobs) {
    this.api = api;
    this.io = io;
    this.text = text;
    this.jobs = jobs;
  }

  /** The choices: specs, available images and disks, networks, security groups. */
  public void load() {
    record Choices(List<Spec> specs, List<Image> images, List<Disk> disks, List<Network> networks,
        List<SecurityGroup> groups) {}
    io.call(() -> new Choices(api.listSpecs(null), api.listImages(), api.listAvailableDisks(), api.listNetworks(),
        api.listSecurityGroups()), c -> {
          specs.setAll(c.specs());
          images.setAll(c.images().stream().filter(i -> i.state() == ImageState.AVAILABLE).toList());
          disks.setAll(c.disks());
          networks.setAll(c.networks());
          securityGroups.setAll(c.groups());
          if (spec.get() == null) {
            specs.stream().filter(Spec::isDefault).findFirst().or(() -> specs.stream().findFirst()).ifPresent(spec::set);
          }
          if (image.get() == null && !images.isEmpty()) {
            image.set(images.get(0));
          }
        }, e -> loadError.set(text.get("vms.wizard.load-failed", e.getMessage())));
  }

  /** Checks the fields of one step; whether they are all valid (messages in {@link #errors()}). */
  public boolean validate(Step s) {
    List<Field> fields = fieldsOf(s);
    fields.forEach(errors::remove);
    switch (s) {
      case SPEC -> {
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
          errors.put(Field.NAME, text.get("vms.wizard.error.required"));
        } else if (n.length() > 60 || !NAME.matcher(n).matches()) {
          errors.put(Field.NAME, text.get("vms.wizard.error.name"));
        }
        if (spec.get() == null) {
          errors.put(Field.SPEC, text.get("vms.wizard.error.choose"));
        }
      }
      case SOURCE -> {
        if (source.get() == Source.IMAGE && image.get() == null) {
          errors.put(Field.IMAGE, text.get("vms.wizard.error.choose"));
        }
        if (source.get() == Source.DISK && disk.get() == null) {
          errors.put(Field.DISK, text.get("vms.wizard.error.choose"));
        }
        if (source.get() == Source.DISK && count.get() > 1) {
          errors.put(Field.DISK, text.get("vms.wizard.error.disk-batch"));
        }
        Integer gib = systemDiskGiB.get();
        if (gib != null && (gib < 1 || gib > 2048)) {
          errors.put(Field.SYSTEM_DISK, text.get("vms.wizard.error.system-disk"));
        }
      }
      case NETWORK -> {
        if (chosenNetworks.size() > 8) {
          errors.put(Field.NETWORKS, text.get("vms.wizard.error.networks"));
        }
      }
      case SECURITY -> {
        if (chosenSecurityGroups.size() > 5) {
          errors.put(Field.SECURITY_GROUPS, text.get("vms.wizard.error.security-groups"));
        } else if (!chosenSecurityGroups.isEmpty() && chosenNetworks.isEmpty()) {
          errors.put(Field.SECURITY_GROUPS, text.get("vms.wizard.error.security-groups-need-nic"));
        }
      }
      case GUEST -> {
        String h = hostname.get() == null ? "" : hostname.get().strip();
        if (!h.isEmpty() && (h.length() < 2 || h.length() > 60 || !HOST.matcher(h).matches()
            || h.chars().allMatch(Character::isDigit))) {
          errors.put(Field.HOSTNAME, text.get("vms.wizard.error.hostname"));
        }
        String p = password.get() == null ? "" : password.get();
        if (!p.isEmpty() && (p.length() < 8 || p.length() > 72 || p.chars().anyMatch(Character::isISOControl))) {
          errors.put(Field.PASSWORD, text.get("vms.wizard.error.password"));
        } else if (!p.equals(passwordRepeat.get() == null ? "" : passwordRepeat.get())) {
          errors.put(Field.PASSWORD, text.get("vms.wizard.error.password-repeat"));
        }
      }
      case AVAILABILITY -> {
        if (count.get() < 1 || count.get() > MAX_COUNT) {
          errors.put(Field.COUNT, text.get("vms.wizard.error.count", MAX_COUNT));
        }
      }
      default -> { }
    }
    return fields.stream().noneMatch(errors::containsKey);
  }

  /** Checks every step; the first one with an invalid field becomes the current step. */
  public boolean validateAll() {
    Step firstBad = null;
    for (Step s : Step.values()) {
      if (!validate(s) && firstBad == null) {
        firstBad = s;
      }
    }
    if (firstBad != null) {
      step.set(firstBad);
    }
    return firstBad == null;
  }

  /** To the next step if this one is valid; whether it moved. */
  public boolean next() {
    if (!validate(step.get()) || step.get().ordinal() == Step.values().length - 1) {
      return false;
    }
    step.set(Step.values()[step.get().ordinal() + 1]);
    return true;
  }

  public void back() {
    if (step.get().ordinal() > 0) {
      step.set(Step.values()[step.get().ordinal() - 1]);
    }
  }

  /** The requests {@link #finish} sends: one per VM of the batch. */
  public List<CreateVmRequest> requests() {
    int n = Math.max(1, count.get());
    String base = name.get().strip();
    String host = hostname.get() == null ? "" : hostname.get().strip();
    List<VmNicRequest> nics = new ArrayList<>();
    List<String> groups = chosenSecurityGroups.stream().map(SecurityGroup::id).toList();
    for (Network net : chosenNetworks) {
      nics.add(new VmNicRequest(net.id(), null, null, groups.isEmpty() ? null : groups));
    }
    boolean fromDisk = source.get() == Source.DISK;
    List<CreateVmRequest> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String suffix = n == 1 ? "" : "-" + i;
      out.add(new CreateVmRequest(base + suffix, null, fromDisk ? null : image.get().id(), spec.get().id(), null,
          fromDisk ? null : systemDiskGiB.get(), start.get(), null, haMode.get(), nics.isEmpty() ? null : nics,
          host.isEmpty() ? null : host + suffix, null, password.get() == null || password.get().isEmpty() ? null
              : password.get(), null, null, fromDisk ? disk.get().id() : null, null, fromDisk ? bootMode.get() : null));
    }
    return out;
  }

  /**
   * Validates, then creates the VM(s) off the UI thread, following each job; {@code done} gets what
   * was accepted (refusals are notified through the job tracker). False when a field is invalid.
   */
  public boolean finish(Consumer<List<Accepted>> done) {
    if (!validateAll()) {
      return false;
    }
    List<CreateVmRequest> batch = requests();
    submitting.set(true);
    io.call(() -> {
      List<Object> results = new ArrayList<>();
      for (CreateVmRequest r : batch) {
        try {
          results.add(api.createVm(r, UUID.randomUUID().toString()));
        } catch (RuntimeException e) {
          results.add(e);
        }
      }
      return results;
    }, results -> {
      submitting.set(false);
      List<Accepted> accepted = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        String vmName = batch.get(i).name();
        if (results.get(i) instanceof Accepted a) {
          accepted.add(a);
          jobs.track(a.jobId(), a.resourceId(), text.get("vms.job.create.label", vmName),
              text.get("vms.job.create.done", vmName), why -> text.get("vms.job.create.failed", vmName, why));
        } else {
          jobs.notifications().add(new JobNotification(null, text.get("vms.job.create.failed", vmName,
              ((Exception) results.get(i)).getMessage()), true));
        }
      }
      done.accept(accepted);
    }, e -> {
      submitting.set(false);
      jobs.notifications().add(new JobNotification(null, text.get("vms.job.create.failed", name.get(),
          e.getMessage()), true));
      done.accept(List.of());
    });
    return true;
  }

  private static List<Field> fieldsOf(Step s) {
    return switch (s) {
      case SPEC -> List.of(Field.NAME, Field.SPEC);
      case SOURCE -> List.of(Field.IMAGE, Field.DISK, Field.SYSTEM_DISK);
      case NETWORK -> List.of(Field.NETWORKS);
      case SECURITY -> List.of(Field.SECURITY_GROUPS);
      case GUEST -> List.of(Field.HOSTNAME, Field.PASSWORD);
      case AVAILABILITY -> List.of(Field.COUNT);
    };
  }

  /** The validation message of each invalid field. */
  public ObservableMap<Field, String> errors() {
    return errors;
  }

  public ObjectProperty<Step> stepProperty() { return step; }
  public StringProperty nameProperty() { return name; }
  public ObjectProperty<Spec> specProperty() { return spec; }
  public ObjectProperty<Source> sourceProperty() { return source; }
  public ObjectProperty<Image> imageProperty() { return image; }
  public ObjectProperty<Disk> diskProperty() { return disk; }
  public ObjectProperty<Integer> systemDiskGiBProperty() { return systemDiskGiB; }
  public ObservableList<Network> chosenNetworks() { return chosenNetworks; }
  public ObservableList<SecurityGroup> chosenSecurityGroups() { return chosenSecurityGroups; }
  public StringProperty hostnameProperty() { return hostname; }
  public StringProperty passwordProperty() { return password; }
  public StringProperty passwordRepeatProperty() { return passwordRepeat; }
  public ObjectProperty<BootMode> bootModeProperty() { return bootMode; }
  public ObjectProperty<HaMode> haModeProperty() { return haMode; }
  public IntegerProperty countProperty() { return count; }
  public BooleanProperty startProperty() { return start; }
  public BooleanProperty submittingProperty() { return submitting; }
  public StringProperty loadErrorProperty() { return loadError; }
  public ObservableList<Spec> specs() { return specs; }
  public ObservableList<Image> images() { return images; }
  public ObservableList<Disk> disks() { return disks; }
  public ObservableList<Network> networks() { return networks; }
  public ObservableList<SecurityGroup> securityGroups() { return securityGroups; }
}
