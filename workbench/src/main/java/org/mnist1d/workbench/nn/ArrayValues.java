package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/** Java values into libtorch-owned NDArrays and back (parameters, checkpoints, batches). */
public final class ArrayValues {
  private ArrayValues() {}

  /**
   * {@code values} as an array of {@code shape} and {@code type}, owned by libtorch, on {@code
   * manager}.
   */
  public static NDArray of(NDManager manager, double[] values, Shape shape, DataType type) {
    try (NDArray fromJava = manager.create(values, shape);
        NDArray typed = fromJava.toType(type, true)) {
      // toType(copy) then duplicate: nothing refers to the Java buffer afterwards (see Constants)
      return typed.duplicate();
    }
  }

  /** The values of {@code array} as doubles. */
  public static double[] values(NDArray array) {
    try (NDArray d = array.toType(DataType.FLOAT64, true)) {
      return d.toDoubleArray();
    }
  }

  /** A 1-d array of {@code values}. */
  public static NDArray vector(NDManager manager, double[] values, DataType type) {
    return of(manager, values, new Shape(values.length), type);
  }

  /** The value of a 0-d (or one-element) array as a double, whatever its type. */
  public static double value(NDArray scalar) {
    if (scalar.size() != 1) {
      throw new IllegalArgumentException("expected one element, got shape " + scalar.getShape());
    }
    DataType type = scalar.getDataType();
    if (type == DataType.FLOAT64 || type == DataType.FLOAT32) {
      // one copy of the element's bytes (getFloat() would index the array first: another op)
      ByteBuffer bytes = scalar.toByteBuffer(false);
      return type == DataType.FLOAT64 ? bytes.getDouble(0) : bytes.getFloat(0);
    }
    try (NDArray asDouble = scalar.toType(DataType.FLOAT64, true)) {
      return asDouble.getDouble();
    }
  }
}
