package org.mnist1d.workbench.run;

import java.util.List;
import org.mnist1d.workbench.meta.MetalearnActivation;
import org.mnist1d.workbench.meta.MetalearnLr;
import java.util.Optional;
import org.mnist1d.workbench.train.ClassificationExperiment;

/** The registry of experiments, by the name used in {@code experiment:}. */
public final class Experiments {
  private Experiments() {}

  /** Every registered experiment. */
  public static List<Experiment> all() {
    return List.of(ClassificationExperiment.quickstart(), ClassificationExperiment.benchmark(), new MetalearnLr(),
        new MetalearnActivation());
  }

  /** The experiment called {@code name}. */
  public static Optional<Experiment> named(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
