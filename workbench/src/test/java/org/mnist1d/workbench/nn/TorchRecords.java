package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * Reads the PyTorch reference records under {@code reference/torch/} (layout in
 * src/test/python/README.md) and compares arrays against them.
 */
public final class TorchRecords {
  private TorchRecords() {}

  /** The JSON file {@code reference/torch/NAME}. */
  public static JsonNode load(String name) {
    return TorchReference.read(name);
  }

  /** A number or a nested list of numbers, flattened row-major. */
  public static double[] flat(JsonNode n) {
    return TorchReference.doubles(n);
  }

  /** The {@code values} of each tensor entry in a list ({@code params}, {@code grads}, masks). */
  public static List<double[]> tensors(JsonNode entries) {
    List<double[]> out = new ArrayList<>();
    entries.forEach(e -> out.add(flat(e.get("values"))));
    return out;
  }

  /** A nested list (rows) as an NDArray of {@code type}. */
  public static NDArray matrix(NDManager m, JsonNode rows, DataType type) {
    double[] v = flat(rows);
    return ArrayValues.of(m, v, new Shape(rows.size(), v.length / rows.size()), type);
  }

  /** The record's parameters as arrays of {@code model}'s shapes. */
  public static NDList params(NDManager m, Model model, JsonNode record, DataType type) {
    return Initialization.arrays(model, tensors(record.get("params")), m, type);
  }

  /**
   * Asserts every value is within {@code tol} times the largest magnitude in {@code expected} (at
   * least 1e-3 of it), naming the first index that is not.
   */
  public static void assertClose(double[] expected, double[] actual, double tol, String what) {
    TorchReference.assertClose(
        expected, actual, 0, tol * Math.max(1e-3, TorchReference.maxAbs(expected)), what);
  }
}
