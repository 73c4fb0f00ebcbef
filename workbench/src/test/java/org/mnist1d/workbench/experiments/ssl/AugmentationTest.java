package org.mnist1d.workbench.experiments.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnist1d.LegacyRandom;

/** The SSL augmentation against the notebook's NumPy code, and its use of the NumPy stream. */
class AugmentationTest {
  private static final double[][] X = {
    {0.5, -1.0, 2.0, 0.25, 1.5, -0.75}, {3.0, 1.0, -2.0, 0.0, 0.5, 1.25}
  };

  /** np.random.seed(3); augment(x, offsets_std=0, slopes_std=0, maxshift=4) (shifts 2, 0). */
  @Test
  void detrendAndShiftMatchNumpy() {
    double[] v = new Augmentation(4, 0, 0).view(X, new LegacyRandom(3), new SplittableRandom(1));
    double[] numpy = {
      1.1047619047619046, -1.130952380952381, 0.0476190476190476, -1.438095238095238,
      1.5761904761904761, -0.15952380952380954, 1.7857142857142856, 0.021428571428571463,
      -2.742857142857143, -0.5071428571428571, 0.22857142857142854, 1.2142857142857144
    };
    assertArrayEquals(numpy, v, 1e-14);
  }

  /** The random slope and offset are an affine function of t added to each row. */
  @Test
  void randomSlopeAndOffsetAreAffine() {
    double[] plain =
        new Augmentation(4, 0, 0).view(X, new LegacyRandom(3), new SplittableRandom(1));
    double[] noisy =
        new Augmentation(4, 0.04, 0.3).view(X, new LegacyRandom(3), new SplittableRandom(1));
    for (int i = 0; i < 2; i++) {
      double d0 = noisy[i * 6] - plain[i * 6];
      double step = noisy[i * 6 + 1] - plain[i * 6 + 1] - d0;
      for (int j = 0; j < 6; j++) {
        assertEquals(d0 + j * step, noisy[i * 6 + j] - plain[i * 6 + j], 1e-12);
      }
    }
  }

  /** A replayed epoch leaves NumPy's stream where a trained one does (resume). */
  @Test
  void replayConsumesTheSameDraws() {
    LegacyRandom trained = new LegacyRandom(42);
    LegacyRandom replayed = new LegacyRandom(42);
    Augmentation a = Augmentation.upstream();
    int n = 30;
    int batch = 7;
    int batches = n / batch;
    double[][] x = new double[n][40];
    int[] perm = trained.permutation(n);
    for (int b = 0; b < batches; b++) {
      double[][] rows = new double[batch][];
      for (int i = 0; i < batch; i++) {
        rows[i] = x[perm[b * batch + i]];
      }
      a.view(rows, trained, new SplittableRandom(b));
      a.view(rows, trained, new SplittableRandom(b));
    }
    SslExperiment.replayEpoch(replayed, n, batches, batch, a);
    assertEquals(trained.nextInt32(), replayed.nextInt32());
  }
}
