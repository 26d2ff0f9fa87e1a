package dev.vireo.client.jobs;

import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import dev.vireo.api.model.JobStep;
import dev.vireo.api.model.StepState;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One job the client follows: what it is about ({@link #label()}, {@link #resourceId()}), its state,
 * the running step's name, and its progress for a progress indicator: 0..1, or -1 (indeterminate)
 * until the job reports steps. Updated on the UI executor by {@link JobTracker}.
 */
public final class TrackedJob {
  private final String jobId;
  private final String resourceId;
  private final String label;
  private final String successText;
  private final Function<String, String> failureText;
  private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(JobState.QUEUED);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
  private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();

  TrackedJob(String jobId, String resourceId, String label, String successText, Function<String, String> failureText) {
    this.jobId = jobId;
    this.resourceId = resourceId;
    this.label = label;
    this.successText = successText;
    this.failureText = failureText;
  }

  public String jobId() {
    return jobId;
  }

  /** The resource the job works on (a VM's id), or null. */
  public String resourceId() {
    return resourceId;
  }

  /** What the user started, e.g. "Starting web-1". */
  public String label() {
    return label;
  }

  public ReadOnlyObjectProperty<JobState> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stepProperty() {
    return step.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty finishedProperty() {
    return finished.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** Takes the job's latest state; the notification when it just ended, else null. */
  JobNotification update(Job job) {
    if (finished.get()) {
      return null;
    }
    state.set(job.state());
    progress.set(progressOf(job));
    step.set(runningStep(job.steps()));
    if (job.state() == null || !job.state().isFinal()) {
      return null;
    }
    finished.set(true);
    if (job.state() == JobState.SUCCEEDED) {
      progress.set(1);
      return new JobNotification(jobId, successText, false);
    }
    String why = job.error() == null || job.error().isBlank() ? String.valueOf(job.state()) : job.error();
    error.set(why);
    return new JobNotification(jobId, failureText.apply(why), true);
  }

  /** The job could not be read any more (e.g. it is gone): ends it as failed with this reason. */
  JobNotification lost(String reason) {
    if (finished.get()) {
      return null;
    }
    finished.set(true);
    state.set(JobState.FAILED);
    error.set(reason);
    return new JobNotification(jobId, failureText.apply(reason), true);
  }

  /** Done steps plus the running step's measured share, over all steps; -1 without steps. */
  static double progressOf(Job job) {
    List<JobStep> steps = job.steps();
    if (steps == null || steps.isEmpty()) {
      return job.progress() == null ? -1 : job.progress() / 100.0;
    }
    double done = steps.stream().filter(s -> s.state() == StepState.DONE).count();
    boolean running = steps.stream().anyMatch(s -> s.state() == StepState.RUNNING);
    if (running && job.progress() != null) {
      done += Math.min(100, Math.max(0, job.progress())) / 100.0;
    }
    return Math.min(1, done / steps.size());
  }

  private static String runningStep(List<JobStep> steps) {
    if (steps == null) {
      return "";
    }
    return steps.stream().filter(s -> s.state() == StepState.RUNNING).map(JobStep::name).findFirst().orElse("");
  }
}
