package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * {@link TrainingRun} step by step against {@link PlainSoftmaxRegression}, an independent trainer
 * in plain Java doubles: the parameters after every update and the evaluation. A gradient that
 * survived into the next step (gradients accumulating instead of being reset) makes the second
 * update differ at once.
 */
class TrainingRunReferenceTest {
  private static final Mnist1dData DATA =
      DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());

  /**
   * float32 training against float64: measured largest gap (2026-11-30) after 7 updates, as a
   * fraction of the parameters' largest magnitude: Adam 1.5e-7, SGD 1.4e-7. One update with an
   * accumulated gradient moves the parameters by about lr, i.e. 1e-2 of their scale.
   */
  static final double RTOL = 1e-5;

  private static final int TRAIN = 180; // batches of 50: 50, 50, 50, 30, then from the start
  private static final int STEPS = 7;

  private static double[][] rows(double[][] x, int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = TorchReference.asFloat32(x[i]); // what the float32 run sees
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "sgd"})
  void everyUpdateIsTheIndependentTrainers(String optimizer) {
    Model model = Models.logistic(40, 10);
    List<double[]> init = TrainingRun.initial(model, 3);
    double[][] x = rows(DATA.x(), TRAIN);
    int[] y = Arrays.copyOf(DATA.y(), TRAIN);
    double[][] xTest = rows(DATA.xTest(), 100);
    int[] yTest = Arrays.copyOf(DATA.yTest(), 100);
    double lr = optimizer.equals("adam") ? 0.01 : 0.5;
    PlainSoftmaxRegression plain =
        new PlainSoftmaxRegression(
            x,
            y,
            50,
            optimizer,
            lr,
            TorchReference.asFloat32(init.get(0)),
            TorchReference.asFloat32(init.get(1)));
    try (NDManager m = NDManager.newBaseManager();
        TrainingRun run =
            new TrainingRun(
                model, m, x, y, xTest, yTest, 50, optimizer, lr, init, DataType.FLOAT32)) {
      for (int k = 0; k < STEPS; k++) {
        double loss = run.update();
        double expected = plain.update();
        String at = optimizer + " after update " + (k + 1);
        assertEquals(expected, loss, RTOL * expected, at + ": the batch's loss before it");
        assertEquals(k + 1, run.step(), at);
        TorchReference.assertCloseToScale(
            plain.weight(), ArrayValues.values(run.parameters().get(0)), RTOL, at + " weight");
        TorchReference.assertCloseToScale(
            plain.bias(), ArrayValues.values(run.parameters().get(1)), RTOL, at + " bias");
      }
      TrainingRun.Evaluation e = run.evaluate();
      double[] train = plain.lossAndAccuracy(x, y, 0, TRAIN, null);
      double[] test = plain.lossAndAccuracy(xTest, yTest, 0, 100, null);
      assertEquals(STEPS, e.step());
      assertEquals(train[0], e.trainLoss(), RTOL * train[0], "train loss");
      assertEquals(test[0], e.testLoss(), RTOL * test[0], "test loss");
      // No example sits within float32 rounding of a tie, so the counts are exact.
      assertTrue(
          plain.smallestMargin(x, 0, TRAIN) > 1e-4 && plain.smallestMargin(xTest, 0, 100) > 1e-4);
      assertEquals(train[1], e.trainAcc(), 0.0, "train accuracy");
      assertEquals(test[1], e.testAcc(), 0.0, "test accuracy");
    }
  }
}
