package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The one place that turns Java numbers into NDArrays for differentiable code.
 *
 * <p>DJL's {@code add/sub/mul/div/pow(Number)} wrap the number in a tensor over a Java direct
 * buffer and close it at once; autograd may still read it in the backward pass, after the GC has
 * freed the buffer (see docs/metalearning.md, "DJL traps"). A constant made here is a
 * libtorch-owned copy that lives as long as {@code manager}, so keep the manager open until every
 * backward that uses it has run.
 */
public final class Constants {
  private Constants() {}

  /** A 0-d constant of the given type, owned by libtorch and attached to {@code manager}. */
  public static NDArray scalar(NDManager manager, double value, DataType type) {
    try (NDArray fromJava = manager.create(value);
        NDArray typed = fromJava.toType(type, true)) {
      // duplicate() clones inside libtorch, so nothing refers to the Java buffer afterwards. It is
      // needed: toType(copy=true) to the array's own type returns an alias of the Java buffer
      // (dropping it made MetagradientTest's inner loss NaN).
      return typed.duplicate();
    }
  }

  /** A 0-d constant with the type of {@code like}, on its manager. */
  public static NDArray like(NDArray like, double value) {
    return scalar(like.getManager(), value, like.getDataType());
  }
}
