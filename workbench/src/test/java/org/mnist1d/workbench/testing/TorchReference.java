package org.mnist1d.workbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;

/**
 * Reference values recorded from PyTorch (test resources under {@code reference/torch/}, layout in
 * workbench/src/test/python/README.md), and comparisons of a {@link Model} against a model record:
 * logits, the mean cross-entropy and its gradient with respect to every parameter.
 */
public final class TorchReference {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TorchReference() {}

  /** The file {@code reference/torch/NAME}. */
  public static JsonNode load(String name) {
    try (InputStream in = TorchReference.class.getResourceAsStream("/reference/torch/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource reference/torch/" + name + " is missing");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nested list of numbers flattened in row-major order. */
  public static double[] flat(JsonNode n) {
    List<Double> out = new ArrayList<>();
    flatten(n, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      out.add(n.asDouble());
    }
  }

  /** The {@code values} of each tensor entry of a list ({@code params}, {@code grads}). */
  public static List<double[]> tensors(JsonNode entries) {
    List<double[]> out = new ArrayList<>();
    entries.forEach(e -> out.add(flat(e.get("values"))));
    return out;
  }

  /**
   * Asserts that every value is within {@code tol} times the largest magnitude of {@code expected}
   * (at least 1e-3), naming the first index that is not.
   */
  public static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    double scale = 1e-3;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= tol * scale,
          what
              + "["
              + i
              + "]: expected "
              + expected[i]
              + ", got "
              + actual[i]
              + " (tolerance "
              + tol * scale
              + ")");
    }
  }

  /** What a model gives on the reference input: logits, loss, gradients and extra outputs. */
  public record Outputs(double[] logits, double loss, List<double[]> grads, List<double[]> extra) {}

  /**
   * Runs {@code model} with the record's parameters on the file's {@code x} and {@code y} in {@code
   * type}: logits, mean cross-entropy, and its gradients by autograd. {@code extra} may compute
   * further arrays from (params, x), e.g. intermediate feature maps.
   */
  public static Outputs run(
      Model model,
      JsonNode file,
      JsonNode record,
      DataType type,
      BiFunction<NDList, NDArray, NDList> extra) {
    double[][] x = matrix(file.get("x"));
    int[] y = new int[file.get("y").size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = file.get("y").get(i).asInt();
    }
    try (NDManager m = NDManager.newBaseManager()) {
      double[] xs = new double[x.length * x[0].length];
      double[] targets = new double[y.length * 10];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(x[i], 0, xs, i * x[0].length, x[0].length);
        targets[i * 10 + y[i]] = -1.0 / y.length;
      }
      NDArray input = ArrayValues.of(m, xs, new Shape(x.length, x[0].length), type);
      NDArray negTargets = ArrayValues.of(m, targets, new Shape(y.length, 10), type);
      NDList params = Initialization.arrays(model, tensors(record.get("params")), m, type);
      params.forEach(p -> p.setRequiresGradient(true));
      double[] logits;
      double loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray out = model.forward(params, input);
        NDArray l = out.logSoftmax(1).mul(negTargets).sum();
        logits = ArrayValues.values(out);
        loss = ArrayValues.value(l);
        gc.backward(l);
      }
      List<double[]> grads = new ArrayList<>();
      params.forEach(p -> grads.add(ArrayValues.values(p.getGradient())));
      List<double[]> more = new ArrayList<>();
      if (extra != null) {
        extra.apply(params, input).forEach(a -> more.add(ArrayValues.values(a)));
      }
      return new Outputs(logits, loss, grads, more);
    }
  }

  /**
   * Asserts the model's logits, loss and gradients equal the record's for {@code dtype} ("float64"
   * or "float32"), within {@code tol} relative (see {@link #assertClose}); gradients only where the
   * record has them.
   */
  public static Outputs assertMatches(
      Model model, JsonNode file, JsonNode record, String dtype, double tol) {
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    Outputs o = run(model, file, record, type, null);
    JsonNode ref = record.get(dtype);
    String name = record.get("name").asText() + " " + dtype;
    assertClose(flat(ref.get("logits")), o.logits(), tol, name + " logits");
    assertEquals(
        ref.get("loss").asDouble(),
        o.loss(),
        tol * Math.abs(ref.get("loss").asDouble()),
        name + " loss");
    JsonNode grads = ref.get("grads");
    if (grads != null && !grads.isNull()) {
      List<double[]> expected = tensors(grads);
      assertEquals(expected.size(), o.grads().size(), name + ": gradient count");
      for (int i = 0; i < expected.size(); i++) {
        assertClose(
            expected.get(i),
            o.grads().get(i),
            tol,
            name + " grad " + grads.get(i).get("name").asText());
      }
    }
    return o;
  }

  /** A list of lists of numbers as rows. */
  public static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = flat(n.get(i));
    }
    return out;
  }
}
