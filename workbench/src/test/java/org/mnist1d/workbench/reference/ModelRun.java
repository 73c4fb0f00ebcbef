package org.mnist1d.workbench.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;

/**
 * A {@link Model} run on a PyTorch model record's parameters and its file's input (the pooling,
 * double-descent and other experiment models): logits, the mean cross-entropy and its gradient with
 * respect to every parameter by autograd, compared with the record's.
 */
public final class ModelRun {
  private ModelRun() {}

  /** The {@code values} of each tensor entry of a list ({@code params}, {@code grads}). */
  public static List<double[]> tensors(JsonNode entries) {
    List<double[]> out = new ArrayList<>();
    entries.forEach(e -> out.add(TorchReference.doubles(e.get("values"))));
    return out;
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
    double[][] x = TorchReference.rows(file.get("x"));
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
   * or "float32"), within {@code tol} of each tensor's largest magnitude; gradients only where the
   * record has them.
   */
  public static Outputs assertMatches(
      Model model, JsonNode file, JsonNode record, String dtype, double tol) {
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    Outputs o = run(model, file, record, type, null);
    JsonNode ref = record.get(dtype);
    String name = record.get("name").asText() + " " + dtype;
    TorchReference.assertCloseToScale(
        TorchReference.doubles(ref.get("logits")), o.logits(), tol, name + " logits");
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
        TorchReference.assertCloseToScale(
            expected.get(i),
            o.grads().get(i),
            tol,
            name + " grad " + grads.get(i).get("name").asText());
      }
    }
    return o;
  }
}
