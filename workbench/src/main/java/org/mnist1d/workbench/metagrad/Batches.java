package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import org.mnist1d.workbench.nn.ArrayValues;

/**
 * The inner loop's mini-batches, taken in order as the reference does: batch {@code s} is {@code
 * x[start : start + B]} with {@code start = (s * B) mod n} (shorter at the end when B does not
 * divide n). Each distinct batch is sliced once and kept for the whole run.
 */
public final class Batches {
  private final double[][] x;
  private final int[] y;
  private final int size;
  private final int classes;
  private final DataType type;
  private final NDManager manager;
  private final Map<Integer, Batch> byStart = new HashMap<>();

  /**
   * Batches of {@code size} from {@code x}, {@code y} ({@code classes} labels), owned by {@code
   * manager}.
   */
  public Batches(NDManager manager, double[][] x, int[] y, int classes, int size, DataType type) {
    if (x.length != y.length || x.length == 0) {
      throw new IllegalArgumentException("batches: x and y must be non-empty and of equal length");
    }
    this.manager = manager;
    this.x = x;
    this.y = y;
    this.classes = classes;
    this.size = size;
    this.type = type;
  }

  /** The batch of inner step {@code s}. */
  public Batch at(int s) {
    int start = (int) (((long) s * size) % x.length);
    return byStart.computeIfAbsent(start, this::slice);
  }

  private Batch slice(int start) {
    int end = Math.min(start + size, x.length);
    int b = end - start;
    int d = x[0].length;
    double[] xs = new double[b * d];
    double[] targets = new double[b * classes];
    for (int i = 0; i < b; i++) {
      System.arraycopy(x[start + i], 0, xs, i * d, d);
      targets[i * classes + y[start + i]] = -1.0 / b;
    }
    NDArray xb = ArrayValues.of(manager, xs, new Shape(b, d), type);
    NDArray t = ArrayValues.of(manager, targets, new Shape(b, classes), type);
    NDArray inv = ArrayValues.of(manager, new double[] {1.0 / b}, new Shape(), type);
    return new Batch(xb, t, inv);
  }
}
