package org.mnist1d.workbench.run;

import java.util.Optional;
import org.mnist1d.workbench.config.ExperimentSchema;

/**
 * A registered experiment: its config schema plus what one run does. Adding an experiment means
 * one class implementing this, one line in {@link Experiments}, and one YAML file in configs/.
 */
public interface Experiment extends ExperimentSchema {
  /**
   * Runs, or resumes when {@link RunContext#resumeFrom()} is present, one configured run. Logs
   * metrics and final results through {@code ctx}; throw {@link RunFailure} to end it as failed.
   */
  void run(RunContext ctx) throws Exception;

  /** The report written into the run directory when the run ends, as report YAML text. */
  default Optional<String> defaultReport() {
    return Optional.empty();
  }
}
