package org.mnist1d.workbench.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Makes NDArrays from Java values as libtorch-owned copies, safe to keep in autograd graphs. */
public final class Leaves {
  private Leaves() {}

  /** {@code values} as an array of {@code shape} and {@code type} on {@code manager}. */
  public static NDArray of(NDManager manager, double[] values, Shape shape, DataType type) {
    try (NDArray fromJava = manager.create(values, shape)) {
      // fromJava wraps a Java direct buffer that the GC may free once it is closed, and toType
      // returns an alias when the type already matches: duplicate() copies into libtorch memory.
      NDArray typed = fromJava.toType(type, false);
      NDArray owned = typed.duplicate();
      if (typed != fromJava) {
        typed.close();
      }
      return owned;
    }
  }

  /** A 1-d array of {@code values}. */
  public static NDArray vector(NDManager manager, double[] values, DataType type) {
    return of(manager, values, new Shape(values.length), type);
  }

  /** The values of {@code array} as doubles. */
  public static double[] values(NDArray array) {
    try (NDArray asDouble = array.toType(DataType.FLOAT64, true)) {
      return asDouble.toDoubleArray();
    }
  }

  /** The value of a 0-d (or one-element) array as a double, whatever its type. */
  public static double value(NDArray scalar) {
    if (scalar.getDataType() == DataType.FLOAT64) {
      return scalar.getDouble();
    }
    if (scalar.getDataType() == DataType.FLOAT32) {
      return scalar.getFloat();
    }
    try (NDArray asDouble = scalar.toType(DataType.FLOAT64, true)) {
      return asDouble.getDouble();
    }
  }
}
