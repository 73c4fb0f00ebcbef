package org.mnist1d.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The exact KL divergence and gradient against scikit-learn's {@code _kl_divergence}, and the
 * gradient against central differences of the Java KL itself.
 */
class TsneObjectiveTest {

  private static double[][] referenceP(JsonNode ref) {
    int n = ref.get("y").size();
    return TsneReference.symmetricFromUpper(ref.get("symmetricUpper"), n);
  }

  @Test
  void klAndGradientMatchScikitLearn() {
    for (String file : new String[] {"affinities_knn.json", "affinities_exact.json"}) {
      JsonNode ref = TsneReference.load(file);
      double[][] y = TsneReference.matrix(ref.get("y"));
      JointProbabilities p = JointProbabilities.fromDense(referenceP(ref));
      try (TsneObjective objective = new TsneObjective(p, 1, 2)) {
        assertEquals(ref.get("klDivergence").asDouble(), objective.klDivergence(y), 1e-12, file);
        // scikit-learn returns dKL/dy; openTSNE's (and our) gradient is a quarter of it.
        double[][] sklearn =
            TsneReference.reshape(TsneReference.doubles(ref.get("sklearnGradient")), 2);
        double[][] ours = objective.gradient(y, 1);
        for (double[] row : ours) {
          row[0] *= 4;
          row[1] *= 4;
        }
        assertTrue(TsneReference.relativeGap(ours, sklearn) < 1e-11, file);
      }
    }
  }

  @Test
  void gradientIsAQuarterOfTheKlsCentralDifferences() {
    for (double dof : new double[] {1, 0.6, 3}) {
      for (int dims : new int[] {2, 3}) {
        checkAgainstFiniteDifferences(dof, dims);
      }
    }
  }

  private static void checkAgainstFiniteDifferences(double dof, int dims) {
    JointProbabilities p = smallP(40, 7);
    double[][] y = randomLayout(40, dims, 1.5, 11);
    try (TsneObjective objective = new TsneObjective(p, dof, 1)) {
      double[][] g = objective.gradient(y, 1);
      double h = 1e-5;
      for (int i = 0; i < y.length; i++) {
        for (int d = 0; d < dims; d++) {
          double keep = y[i][d];
          y[i][d] = keep + h;
          double up = objective.klDivergence(y);
          y[i][d] = keep - h;
          double down = objective.klDivergence(y);
          y[i][d] = keep;
          double numeric = (up - down) / (2 * h);
          assertEquals(
              numeric,
              4 * g[i][d],
              1e-7,
              "dof " + dof + ", dims " + dims + ", point " + i + ", coordinate " + d);
        }
      }
    }
  }

  @Test
  void exaggerationScalesOnlyTheAttraction() {
    JointProbabilities p = smallP(30, 3);
    double[][] y = randomLayout(30, 2, 1, 5);
    try (TsneObjective objective = new TsneObjective(p, 1, 1)) {
      double[][] g1 = objective.gradient(y, 1);
      double[][] g12 = objective.gradient(y, 12);
      double[][] g0 = objective.gradient(y, 1e-300);
      for (int i = 0; i < y.length; i++) {
        for (int d = 0; d < 2; d++) {
          double attraction = g1[i][d] - g0[i][d];
          assertEquals(g0[i][d] + 12 * attraction, g12[i][d], 1e-14);
        }
      }
    }
  }

  @Test
  void sameNumbersForOneAndTwoThreads() {
    JsonNode ref = TsneReference.load("affinities_knn.json");
    double[][] y = TsneReference.matrix(ref.get("y"));
    JointProbabilities p = JointProbabilities.fromDense(referenceP(ref));
    for (double dof : new double[] {1, 0.5}) {
      try (TsneObjective one = new TsneObjective(p, dof, 1);
          TsneObjective two = new TsneObjective(p, dof, 2)) {
        assertEquals(one.klDivergence(y), two.klDivergence(y), 0.0);
        double[][] a = one.gradient(y, 12);
        double[][] b = two.gradient(y, 12);
        for (int i = 0; i < a.length; i++) {
          assertArrayEquals(a[i], b[i], 0.0);
        }
      }
    }
  }

  /** Affinities of a small random point set, all pairs as neighbours. */
  static JointProbabilities smallP(int n, long seed) {
    double[][] x = randomLayout(n, 4, 1, seed);
    return Affinities.perplexityBased(x, 5, n - 1, 1).p();
  }

  static double[][] randomLayout(int n, int dims, double scale, long seed) {
    Random rng = new Random(seed);
    double[][] y = new double[n][dims];
    for (double[] row : y) {
      for (int d = 0; d < dims; d++) {
        row[d] = scale * rng.nextGaussian();
      }
    }
    return y;
  }
}
