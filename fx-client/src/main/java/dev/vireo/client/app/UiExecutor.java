package dev.vireo.client.app;

import java.util.concurrent.Executor;

/**
 * Where view-model results are applied: the FX application thread in the app
 * ({@link #fx()}), the calling thread in view-model tests ({@link #direct()}).
 */
@FunctionalInterface
public interface UiExecutor extends Executor {
  static UiExecutor fx() {
    return javafx.application.Platform::runLater;
  }

  static UiExecutor direct() {
    return Runnable::run;
  }
}
