package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;

/**
 * The paper's four models: sizes, shapes, initialisation, and gradients against finite differences.
 */
class ModelsTest {
  private static final Map<String, Long> COUNTS =
      Map.of("logistic", 410L, "mlp", 15210L, "cnn", 5210L, "gru", 5134L);

  @ParameterizedTest
  @ValueSource(strings = {"logistic", "mlp", "cnn", "gru"})
  void parameterCountOutputShapeAndInitialisation(String name) {
    Model model = Models.named(name, 40, 10);
    assertEquals(COUNTS.get(name), model.parameterCount());
    List<double[]> init = Initialization.values(model, 7);
    for (int i = 0; i < init.size(); i++) {
      double bound = model.parameters().get(i).initBound();
      double max = 0;
      for (double v : init.get(i)) {
        assertTrue(Math.abs(v) <= bound, name + " " + model.parameters().get(i).name());
        max = Math.max(max, Math.abs(v));
      }
      assertTrue(init.get(i).length < 10 || max > 0.8 * bound, "values fill the range");
    }
    // PyTorch's default bounds: 1/sqrt(fan_in) for a Linear or Conv1d weight and its bias (fan_in
    // = the product of the weight's shape after the first axis), 1/sqrt(hidden) for the GRU's
    double fanIn = 0;
    for (ParameterSpec p : model.parameters()) {
      long[] shape = p.shape().getShape();
      if (shape.length > 1) {
        fanIn = p.shape().size() / shape[0];
      }
      double expected = p.name().startsWith("gru.") ? 1 / Math.sqrt(6) : 1 / Math.sqrt(fanIn);
      assertEquals(expected, p.initBound(), 1e-15 * expected, name + " " + p.name());
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDList p = Initialization.arrays(model, init, m, DataType.FLOAT32);
      NDArray logits = model.forward(p, m.randomNormal(new Shape(7, 40)));
      assertEquals(new Shape(7, 10), logits.getShape());
    }
  }

  /**
   * The written-out bidirectional GRU is the engine's fused GRU op: the same outputs and the same
   * gradients (float64 to 1e-13; float32 to float rounding), also for sequences of one and two.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 40})
  void writtenOutGruIsTheEnginesGruOp(int steps) {
    int hidden = 6;
    SplittableRandom random = new SplittableRandom(steps);
    try (NDManager m = NDManager.newBaseManager()) {
      for (DataType type : List.of(DataType.FLOAT64, DataType.FLOAT32)) {
        double tol = type == DataType.FLOAT64 ? 1e-13 : 2e-6;
        NDArray x = ArrayValues.of(m, gaussian(random, 5 * steps), new Shape(5, steps), type);
        NDList params = new NDList();
        for (int d = 0; d < 2; d++) {
          for (Shape s :
              List.of(
                  new Shape(3 * hidden, 1),
                  new Shape(3 * hidden, hidden),
                  new Shape(3 * hidden),
                  new Shape(3 * hidden))) {
            params.add(ArrayValues.of(m, gaussian(random, (int) s.size()), s, type));
          }
        }
        params.forEach(p -> p.setRequiresGradient(true));
        NDArray seed =
            ArrayValues.of(
                m, gaussian(random, 5 * steps * 2 * hidden), new Shape(5, steps, 2 * hidden), type);
        double[] fused;
        double[][] fusedGrads = new double[params.size()][];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray seq = x.reshape(5, steps, 1);
          NDArray h0 = m.zeros(new Shape(2, 5, hidden), type);
          NDArray out =
              seq.getNDArrayInternal().gru(seq, h0, params, true, 1, 0, false, true, true).get(0);
          fused = ArrayValues.values(out);
          Backward.seeded(gc, out, seed);
        }
        for (int i = 0; i < params.size(); i++) {
          fusedGrads[i] = ArrayValues.values(params.get(i).getGradient());
          params.get(i).getGradient().subi(params.get(i).getGradient());
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = BidirectionalGru.outputs(x, params, hidden);
          assertEquals(new Shape(5, steps, 2 * hidden), out.getShape());
          assertArrayEquals(fused, ArrayValues.values(out), tol, type + " outputs");
          Backward.seeded(gc, out, seed);
        }
        for (int i = 0; i < params.size(); i++) {
          assertArrayEquals(
              fusedGrads[i],
              ArrayValues.values(params.get(i).getGradient()),
              tol * 10,
              type + " gradient of parameter " + i);
        }
      }
    }
  }

  private static double[] gaussian(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  /** Autograd's gradient of the loss equals central differences, in float64. */
  @ParameterizedTest
  @ValueSource(strings = {"logistic", "mlp", "cnn", "gru"})
  void gradientsMatchFiniteDifferences(String name) {
    Model model = Models.named(name, 40, 10);
    SplittableRandom random = new SplittableRandom(3);
    try (NDManager m = NDManager.newBaseManager()) {
      double[] xs = new double[3 * 40];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = random.nextGaussian();
      }
      NDArray x = ArrayValues.of(m, xs, new Shape(3, 40), DataType.FLOAT64);
      NDArray targets =
          ArrayValues.of(m, oneHot(new int[] {1, 4, 9}), new Shape(3, 10), DataType.FLOAT64);
      List<double[]> init = Initialization.values(model, 11);
      NDList params = Initialization.arrays(model, init, m, DataType.FLOAT64);
      params.forEach(p -> p.setRequiresGradient(true));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(loss(model, params, x, targets));
      }
      // check a spread of coordinates in every parameter tensor
      for (int t = 0; t < params.size(); t++) {
        double[] grad = params.get(t).getGradient().toDoubleArray();
        int n = init.get(t).length;
        for (int k = 0; k < 4; k++) {
          int i = (int) ((long) k * 7919 % n);
          double h = 1e-6;
          double up = lossAt(model, init, t, i, h, x, targets, m);
          double down = lossAt(model, init, t, i, -h, x, targets, m);
          double fd = (up - down) / (2 * h);
          assertEquals(
              fd,
              grad[i],
              1e-6 + 1e-5 * Math.abs(fd),
              name + " " + model.parameters().get(t).name() + "[" + i + "]");
        }
      }
    }
  }

  private static double lossAt(
      Model model,
      List<double[]> init,
      int t,
      int i,
      double h,
      NDArray x,
      NDArray targets,
      NDManager m) {
    double[] copy = init.get(t).clone();
    copy[i] += h;
    List<double[]> moved = new java.util.ArrayList<>(init);
    moved.set(t, copy);
    try (NDManager s = m.newSubManager()) {
      NDList p = Initialization.arrays(model, moved, s, DataType.FLOAT64);
      x.tempAttach(s);
      targets.tempAttach(s);
      return loss(model, p, x, targets).getDouble();
    }
  }

  private static NDArray loss(Model model, NDList params, NDArray x, NDArray negTargets) {
    return model.forward(params, x).logSoftmax(1).mul(negTargets).sum();
  }

  private static double[] oneHot(int[] y) {
    double[] out = new double[y.length * 10];
    for (int i = 0; i < y.length; i++) {
      out[i * 10 + y[i]] = -1.0 / y.length;
    }
    return out;
  }

  /**
   * The penultimate activations have the final layer's input width and the logits are exactly that
   * layer applied to them (checked in plain Java from the stored weights).
   */
  @ParameterizedTest
  @ValueSource(strings = {"logistic", "mlp", "cnn", "gru"})
  void logitsAreTheFinalLayerOfThePenultimateActivations(String name) {
    Model model = Models.named(name, 40, 10);
    Map<String, Long> width = Map.of("logistic", 40L, "mlp", 100L, "cnn", 125L, "gru", 480L);
    List<double[]> init = Initialization.values(model, 13);
    SplittableRandom random = new SplittableRandom(5);
    double[] xs = new double[4 * 40];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = random.nextGaussian();
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDList p = Initialization.arrays(model, init, m, DataType.FLOAT64);
      NDArray x = ArrayValues.of(m, xs, new Shape(4, 40), DataType.FLOAT64);
      NDArray h = model.penultimate(p, x);
      long d = width.get(name);
      assertEquals(new Shape(4, d), h.getShape());
      double[] hv = h.toDoubleArray();
      double[] logits = model.forward(p, x).toDoubleArray();
      double[] w = init.get(init.size() - 2);
      double[] b = init.get(init.size() - 1);
      for (int i = 0; i < 4; i++) {
        for (int c = 0; c < 10; c++) {
          double z = b[c];
          for (int j = 0; j < d; j++) {
            z += w[(int) (c * d + j)] * hv[(int) (i * d + j)];
          }
          assertEquals(z, logits[i * 10 + c], 1e-12, name + " logit " + i + "," + c);
        }
      }
      if (name.equals("logistic")) {
        assertArrayEquals(xs, hv, 0.0);
      }
      if (name.equals("cnn") || name.equals("mlp")) {
        assertTrue(java.util.Arrays.stream(hv).allMatch(v -> v >= 0), "relu outputs");
      }
    }
  }

  /**
   * Datasets of other lengths ({@code final_seq_length}) get models whose layers fit: the CNN's
   * flattened width follows torch's {@code (L + 2p - k) / s + 1} per layer.
   */
  @ParameterizedTest
  @ValueSource(ints = {12, 25, 33, 57, 60})
  void everyModelFitsOtherLengths(int length) {
    int l3 = length;
    for (int k : new int[] {5, 3, 3}) {
      l3 = (l3 + 2 - k) / 2 + 1;
    }
    assertEquals(
        new Shape(10, 25L * l3), Models.cnn(length, 25, 10).parameters().get(6).shape(), "cnn");
    try (NDManager m = NDManager.newBaseManager()) {
      for (String name : Models.NAMES) {
        Model model = Models.named(name, length, 10);
        NDList p =
            Initialization.arrays(model, Initialization.values(model, 1), m, DataType.FLOAT32);
        assertEquals(
            new Shape(3, 10), model.forward(p, m.randomNormal(new Shape(3, length))).getShape());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn"})
  void weightsFilesRoundTripWithShapes(String name, @org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Model model = Models.named(name, 40, 10);
    List<double[]> init = Initialization.values(model, 21);
    Path f = tmp.resolve("weights.npz");
    try (NDManager m = NDManager.newBaseManager()) {
      NDList p = Initialization.arrays(model, init, m, DataType.FLOAT64);
      WeightsFile.write(f, model, p, Map.of("input.positions", Npy.int64(new int[] {1, 0})));
    }
    List<double[]> back = WeightsFile.read(f, model);
    for (int i = 0; i < init.size(); i++) {
      assertArrayEquals(init.get(i), back.get(i), 0.0);
    }
    Map<String, Npy.Array> arrays = Npz.readArrays(f);
    int[] firstShape =
        java.util.Arrays.stream(model.parameters().get(0).shape().getShape())
            .mapToInt(Math::toIntExact)
            .toArray();
    assertArrayEquals(firstShape, arrays.get(model.parameters().get(0).name()).shape());
    assertArrayEquals(new long[] {1, 0}, arrays.get("input.positions").longs());
    java.io.IOException wrong =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class, () -> WeightsFile.read(f, Models.named("gru", 40, 10)));
    assertTrue(wrong.getMessage().contains("no array 'gru.fwd.w_ih'"), wrong.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"logistic", "cnn"})
  void sameSeedSameParameters(String name) {
    Model model = Models.named(name, 40, 10);
    assertArrayEquals(
        Initialization.values(model, 5).get(0), Initialization.values(model, 5).get(0));
  }
}
