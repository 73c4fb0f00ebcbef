package org.mnist1d.workbench.experiment;

import java.util.Map;

/**
 * What a run needs to continue exactly where it was: the step reached, named arrays (parameters,
 * optimiser state) and small named values. {@code metricRows} is how many metric rows the run had
 * written at that point.
 */
public record Checkpoint(
    long step, long metricRows, Map<String, double[]> arrays, Map<String, Object> values) {
  public Checkpoint {
    arrays = Map.copyOf(arrays);
    values = Map.copyOf(values);
  }

  /** The array called {@code name}. */
  public double[] array(String name) {
    double[] a = arrays.get(name);
    if (a == null) {
      throw new IllegalStateException("checkpoint has no array '" + name + "'");
    }
    return a;
  }
}
