package org.mnist1d.workbench.experiment;

/** Ends a run as failed with a reason (e.g. divergence); everything written before it is kept. */
public class RunFailure extends RuntimeException {
  public RunFailure(String reason) {
    super(reason);
  }
}
