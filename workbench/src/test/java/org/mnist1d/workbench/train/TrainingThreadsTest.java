package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;

/**
 * PyTorch keeps its autograd mode per thread, and DJL turns it off only on the thread that loaded
 * the engine. A notebook kernel may call each step from another thread: training must not depend on
 * which thread runs it.
 */
class TrainingThreadsTest {

  @Test
  void stepsOnFreshThreadsTrainExactlyAsOnOneThread() throws Exception {
    SplittableRandom r = new SplittableRandom(3);
    double[][] x = new double[200][40];
    int[] y = new int[200];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 40; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i] = r.nextInt(10);
    }
    Model mlp = Models.named("mlp", 40, 10);
    double[] sameThread = losses(mlp, x, y, false);
    double[] freshThreads = losses(mlp, x, y, true);
    assertArrayEquals(sameThread, freshThreads, 1e-6);
  }

  private static double[] losses(Model model, double[][] x, int[] y, boolean freshThreads)
      throws Exception {
    double[] out = new double[12];
    try (NDManager m = NDManager.newBaseManager();
        TrainingRun run =
            new TrainingRun(
                model,
                m,
                x,
                y,
                x,
                y,
                50,
                "adam",
                0.01,
                TrainingRun.initial(model, 1),
                DataType.FLOAT32)) {
      for (int s = 0; s < out.length; s++) {
        int step = s;
        if (freshThreads) {
          Thread t = new Thread(() -> out[step] = run.update());
          t.start();
          t.join();
        } else {
          out[step] = run.update();
        }
      }
    }
    return out;
  }
}
