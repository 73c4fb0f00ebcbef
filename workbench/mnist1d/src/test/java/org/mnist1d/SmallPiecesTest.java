package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shuffled benchmark's permutation, label counts, and the pieces a transform reuses. */
class SmallPiecesTest {

  @Test
  void shufflePermutationIsNumpys() {
    // np.random.seed(42); np.random.permutation(40)
    int[] perm = PositionShuffle.permutation(40, 42);
    assertArrayEquals(new int[] {19, 16, 15, 26, 4}, Arrays.copyOf(perm, 5));
    int[] sorted = perm.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 40; i++) {
      assertEquals(i, sorted[i], "a permutation of 0..39");
    }
  }

  @Test
  void shuffleReordersEveryRowsColumns() {
    double[][] x = {{0, 1, 2, 3}, {10, 11, 12, 13}};
    double[][] out = PositionShuffle.apply(x, new int[] {2, 0, 3, 1});
    assertArrayEquals(new double[] {2, 0, 3, 1}, out[0]);
    assertArrayEquals(new double[] {12, 10, 13, 11}, out[1]);
    assertArrayEquals(new double[] {0, 1, 2, 3}, x[0], "the input is not changed");
  }

  @Test
  void classCountsCountEachLabel() {
    assertArrayEquals(
        new int[] {2, 0, 0, 1, 0, 0, 0, 0, 0, 3},
        Mnist1dData.classCounts(new int[] {9, 0, 3, 9, 0, 9}));
  }

  @Test
  void aPlanKnowsItsLengthsAndMatchesTheOneShotInterpolation() {
    LinearInterpolation plan = new LinearInterpolation(7, 12);
    assertEquals(7, plan.from());
    assertEquals(12, plan.to());
    double[] in = {3, -1, 4, 1, -5, 9, 2};
    double[] out = new double[12];
    plan.apply(in, out);
    assertArrayEquals(LinearInterpolation.interpolate(in, 12), out, 0.0);
  }

  /** Padding writes its zeros whatever the buffer held before (buffers are reused). */
  @Test
  void paddingOverwritesADirtyBuffer() {
    Mnist1dArgs args = Mnist1dArgs.defaults();
    ExampleTransform transform = new ExampleTransform(args);
    double[] template = new double[Templates.LENGTH];
    Arrays.fill(template, 1.0);
    double[] out = new double[Templates.LENGTH + args.paddingHigh()];
    Arrays.fill(out, Double.NaN);
    int length = transform.pad(new LegacyRandom(0), template, out);
    assertEquals(true, length >= Templates.LENGTH + args.paddingLow());
    assertEquals(true, length <= Templates.LENGTH + args.paddingHigh());
    for (int i = 0; i < length; i++) {
      // the template plus the reference's 1e-8, then exact zeros
      assertEquals(i < Templates.LENGTH ? 1.0 + 1e-8 : 0.0, out[i], 0.0, "position " + i);
    }
  }
}
