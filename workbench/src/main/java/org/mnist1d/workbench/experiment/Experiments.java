package org.mnist1d.workbench.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registered experiments, by the name used in {@code experiment:}: every class listed in {@code
 * META-INF/services/org.mnist1d.workbench.experiment.Experiment}, in file order.
 */
public final class Experiments {
  private Experiments() {}

  /** Every registered experiment. */
  public static List<Experiment> all() {
    List<Experiment> all = new ArrayList<>();
    ServiceLoader.load(Experiment.class, Experiments.class.getClassLoader()).forEach(all::add);
    return List.copyOf(all);
  }

  /**
   * The experiment {@code config} runs; an unknown name is an error at its {@code experiment:} key.
   */
  public static Experiment of(Config config) {
    return named(config.experiment())
        .orElseThrow(
            () -> config.error("experiment", "unknown experiment '" + config.experiment() + "'"));
  }

  /** The experiment called {@code name}. */
  public static Optional<Experiment> named(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
