package org.mnist1d.workbench.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The values PyTorch recorded (test resources {@code reference/torch/*.json}, written by the
 * scripts in {@code src/test/python}, layouts in their README), read for comparison. Nothing here
 * runs Python.
 */
public final class TorchReference {
  private TorchReference() {}

  /** The parsed file {@code reference/torch/NAME}. */
  public static JsonNode read(String name) {
    return ReferenceJson.read("torch/" + name);
  }

  /** A number array, nested lists flattened in row-major order (a tensor's {@code values}). */
  public static double[] doubles(JsonNode node) {
    List<Double> out = new ArrayList<>();
    flatten(node, out);
    double[] a = new double[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  private static void flatten(JsonNode node, List<Double> out) {
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out));
    } else if (node.isNumber()) {
      out.add(node.doubleValue());
    } else {
      throw new IllegalArgumentException("not a number array: " + node);
    }
  }

  /** A list of lists as rows ({@code x[b][i]}). */
  public static double[][] rows(JsonNode node) {
    double[][] r = new double[node.size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = doubles(node.get(i));
    }
    return r;
  }

  /** {@code values} rounded to float32 and back: the exact float32 values torch recorded. */
  public static double[] asFloat32(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** The largest {@code |actual - expected| / |expected|} (elements where expected is 0: abs). */
  public static double maxRelativeGap(double[] expected, double[] actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      worst = Math.max(worst, expected[i] == 0 ? d : d / Math.abs(expected[i]));
    }
    return worst;
  }

  /**
   * Fails unless every element satisfies {@code |actual - expected| <= rtol |expected| + atol}; the
   * message names the first element that does not.
   */
  public static void assertClose(
      double[] expected, double[] actual, double rtol, double atol, String what) {
    if (expected.length != actual.length) {
      throw new AssertionFailedError(
          what + ": " + actual.length + " values, expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(actual[i] - expected[i]);
      if (!(d <= rtol * Math.abs(expected[i]) + atol)) {
        throw new AssertionFailedError(
            what
                + "["
                + i
                + "]: "
                + actual[i]
                + ", expected "
                + expected[i]
                + " (gap "
                + d
                + ", allowed "
                + (rtol * Math.abs(expected[i]) + atol)
                + "; max relative gap over all "
                + maxRelativeGap(expected, actual)
                + ")");
      }
    }
  }

  /** The largest absolute value of {@code values}. */
  public static double maxAbs(double[] values) {
    double m = 0;
    for (double v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * Fails unless every element is within {@code rtol} times the tensor's largest magnitude of
   * torch's: a relative tolerance for the tensor as a whole, so that elements that happen to be
   * near zero are not held to a tighter standard than the arithmetic allows.
   */
  public static void assertCloseToScale(
      double[] expected, double[] actual, double rtol, String what) {
    assertClose(expected, actual, 0, rtol * maxAbs(expected), what);
  }

  /** Fails unless the two arrays are bit for bit equal. */
  public static void assertIdentical(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
        throw new AssertionFailedError(
            what
                + "["
                + i
                + "]: "
                + actual[i]
                + ", expected "
                + expected[i]
                + " (not bit for bit)");
      }
    }
  }
}
