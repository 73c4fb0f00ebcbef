package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.ArrayValues;

/**
 * The metalearning models start as PyTorch's {@code nn.Linear} does (uniform in {@code
 * +-1/sqrt(fan_in)}, weight and bias alike), block by block of the flat layouts, and the per-step
 * noise rows have the published widths and amplitudes.
 */
class InitialisationTest {

  /** {@code values[from, to)} lie in [-bound, bound] and spread over it (the largest near it). */
  private static void assertUniformWithin(double[] values, int from, int to, double bound) {
    double largest = 0;
    double sum = 0;
    for (int i = from; i < to; i++) {
      assertTrue(Math.abs(values[i]) <= bound, "value " + i + ": " + values[i] + " > " + bound);
      largest = Math.max(largest, Math.abs(values[i]));
      sum += values[i];
    }
    int n = to - from;
    assertTrue(
        largest > bound * (1 - 4.0 / n), "fills [-" + bound + ", " + bound + "]: " + largest);
    // the mean of n uniform values has standard deviation bound / sqrt(3n)
    assertTrue(Math.abs(sum / n) < 4 * bound / Math.sqrt(3.0 * n), "centred: " + sum / n);
  }

  @Test
  void theInnerMlpStartsAsTorchsLinearLayers() {
    MlpLearner learner = new MlpLearner(40, 128, 10, ActivationFunctions.named("tanh"), 0.0);
    double[] p = learner.initialize(new SplittableRandom(4));
    int w1 = 128 * 40;
    int b1 = w1 + 128;
    int w2 = b1 + 10 * 128;
    assertEquals(w2 + 10, p.length);
    assertEquals(p.length, learner.size());
    assertUniformWithin(p, 0, w1, 1 / Math.sqrt(40));
    assertUniformWithin(p, w1, b1, 1 / Math.sqrt(40));
    assertUniformWithin(p, b1, w2, 1 / Math.sqrt(128));
    assertUniformWithin(p, w2, p.length, 1 / Math.sqrt(128));
    assertTrue(
        Arrays.equals(p, learner.initialize(new SplittableRandom(4))), "the same seed, the same");
  }

  @Test
  void theLearnedActivationStartsAsTorchsLinear1GAndLinearG1() {
    LearnedActivation act = LearnedActivation.published(0);
    assertEquals(100, act.width());
    assertEquals(0.2, act.scale(), 0.0);
    assertEquals(301, act.size());
    for (long seed = 5; seed < 9; seed++) {
      double[] p = act.initialize(new SplittableRandom(seed));
      assertEquals(301, p.length);
      assertUniformWithin(p, 0, 100, 1.0); // Linear(1, 100).weight: fan_in 1
      assertUniformWithin(p, 100, 200, 1.0); // its bias
      assertUniformWithin(p, 200, 300, 0.1); // Linear(100, 1).weight: fan_in 100
      assertTrue(Math.abs(p[300]) <= 0.1, "its bias");
    }
  }

  @Test
  void noiseRowsHaveThePublishedWidthsAndAmplitudes() {
    try (NDManager m = NDManager.newBaseManager()) {
      LearnedActivation act = LearnedActivation.published(0);
      MlpLearner learner = new MlpLearner(40, 128, 10, act, 0.1);
      assertEquals(100, act.noiseWidth());
      StepNoise n = learner.sampleNoise(m, new SplittableRandom(6), DataType.FLOAT64);
      assertEquals(new Shape(1, 128), n.hidden().getShape());
      assertEquals(new Shape(1, 100), n.activation().getShape());
      assertUniformWithin(ArrayValues.values(n.hidden()), 0, 128, 0.1);
      assertUniformWithin(ArrayValues.values(n.activation()), 0, 100, 0.1);

      MlpLearner quiet = new MlpLearner(40, 50, 10, ActivationFunctions.named("tanh"), 0.0);
      StepNoise none = quiet.sampleNoise(m, new SplittableRandom(6), DataType.FLOAT64);
      assertNull(none.hidden(), "no hidden noise at amplitude 0");
      assertNull(none.activation(), "a fixed activation draws no noise");
    }
  }
}
