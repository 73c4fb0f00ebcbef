package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.HashMap;
import java.util.Map;

/**
 * The numeric constants of one unrolled run, made once through {@link Constants} and kept alive on
 * one manager until every backward pass that reads them has run.
 *
 * <p>Differentiable code never passes Java numbers to NDArray arithmetic (see docs/metalearning.md,
 * "DJL traps"): it asks this cache for {@code of(0.4)} instead.
 */
public final class Scalars {
  private final NDManager manager;
  private final DataType type;
  private final Map<Double, NDArray> cache = new HashMap<>();

  /** Constants of {@code type}, owned by {@code manager} (close it after the last backward). */
  public Scalars(NDManager manager, DataType type) {
    this.manager = manager;
    this.type = type;
  }

  /** The 0-d constant {@code value}. */
  public NDArray of(double value) {
    return cache.computeIfAbsent(value, v -> Constants.scalar(manager, v, type));
  }

  /** The data type of every constant here. */
  public DataType type() {
    return type;
  }

  /** The manager that owns the constants. */
  public NDManager manager() {
    return manager;
  }
}
