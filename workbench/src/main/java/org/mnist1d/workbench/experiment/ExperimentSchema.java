package org.mnist1d.workbench.experiment;

import java.util.Map;

/**
 * What a config file of one experiment may contain: its sections with their defaults (the type of
 * each default is the type the key takes) and checks of value ranges.
 */
public interface ExperimentSchema {
  /** The registered name, the value of the {@code experiment:} key. */
  String name();

  /**
   * The experiment's own sections and top-level keys with defaults, as nested maps, e.g. {@code
   * {training: {steps: 300, lr: 0.01}}}. Integers default as Integer/Long, reals as Double.
   */
  Map<String, Object> defaults();

  /** Dataset arguments that differ from the generator's defaults for this experiment. */
  default Map<String, Object> datasetDefaults() {
    return Map.of();
  }

  /**
   * Dataset arguments that follow from the experiment's own keys (e.g. {@code num_samples} and
   * {@code train_split} from a training-set size), computed after {@link #check(Config)} passed.
   * They are written into the resolved config's {@code dataset:} section, so a run's config.yaml
   * says which dataset it used; a file that sets one of them to another value is an error.
   */
  default Map<String, Object> derivedDataset(Config config) {
    return Map.of();
  }

  /** The default seed. */
  default long defaultSeed() {
    return 0;
  }

  /** Range checks on the resolved config; throw {@link Config#error(String, String)} on failure. */
  default void check(Config config) {}
}
