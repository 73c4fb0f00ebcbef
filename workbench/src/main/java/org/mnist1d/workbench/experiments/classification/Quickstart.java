package org.mnist1d.workbench.experiments.classification;

/** {@code quickstart}: the classification experiment shortened to a few hundred MLP steps. */
public final class Quickstart extends ClassificationExperiment {
  /** 300 steps, evaluated every 25, checkpointed every 100. */
  public Quickstart() {
    super("quickstart", 300, 25, 100, "Quickstart");
  }
}
