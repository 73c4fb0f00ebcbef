package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mnist1d.workbench.nn.ArrayValues;

/** Tiny random problems for the metagradient tests (float64). */
final class Problems {
  static final DataType F64 = DataType.FLOAT64;

  private Problems() {}

  /** A random dataset of {@code n} rows of {@code d} features and labels in [0, classes). */
  static Batches data(NDManager m, int n, int d, int classes, int batch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = r.nextInt(classes);
    }
    return new Batches(m, x, y, classes, batch, F64);
  }

  static List<StepNoise> noise(NDManager m, MlpLearner learner, int steps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<StepNoise> list = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      list.add(learner.sampleNoise(m, r, F64));
    }
    return list;
  }

  static NDArray theta(NDManager m, MlpLearner learner, long seed) {
    return ArrayValues.vector(m, learner.initialize(new SplittableRandom(seed)), F64);
  }

  static NDList hyper(NDManager m, double[]... values) {
    NDList list = new NDList();
    for (double[] v : values) {
      list.add(ArrayValues.vector(m, v, F64));
    }
    return list;
  }
}
