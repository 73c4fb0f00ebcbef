package org.mnist1d.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Affinities against the NumPy reference of openTSNE's search (itself checked against
 * scikit-learn).
 */
class AffinitiesTest {
  private static final JsonNode KNN = TsneReference.load("affinities_knn.json");
  private static final JsonNode EXACT = TsneReference.load("affinities_exact.json");

  private static Affinities knn(int threads) {
    return Affinities.perplexityBased(
        TsneReference.matrix(KNN.get("x")),
        KNN.get("perplexity").asDouble(),
        KNN.get("k").asInt(),
        threads);
  }

  private static Affinities exact() {
    double[][] x = TsneReference.matrix(EXACT.get("x"));
    return Affinities.perplexityBased(x, EXACT.get("perplexity").asDouble(), x.length - 1, 1);
  }

  @Test
  void nearestNeighboursAreNumpys() {
    assertArrayEquals(
        TsneReference.intMatrix(KNN.get("neighbours")), knn(1).neighbours().indices());
    assertArrayEquals(
        TsneReference.intMatrix(EXACT.get("neighbours")), exact().neighbours().indices());
  }

  @Test
  void conditionalRowsAndPrecisionsMatchNumpy() {
    for (JsonNode ref : new JsonNode[] {KNN, EXACT}) {
      Affinities a = ref == KNN ? knn(1) : exact();
      double[][] expected = TsneReference.matrix(ref.get("conditional"));
      // Same bisection path as NumPy: agreement to rounding (the JSON keeps 13 digits).
      assertTrue(TsneReference.relativeGap(a.conditional(), expected) < 1e-10);
      double[] tau = TsneReference.doubles(ref.get("tau"));
      for (int i = 0; i < tau.length; i++) {
        assertEquals(tau[i], a.precision()[i], 1e-10 * tau[i], "tau of point " + i);
      }
    }
  }

  @Test
  void symmetricPMatchesNumpy() {
    Affinities k = knn(1);
    double[][] expected = TsneReference.symmetricFromUpper(KNN.get("symmetricUpper"), k.p().size());
    assertTrue(TsneReference.relativeGap(k.p().toDense(), expected) < 1e-10);
    Affinities e = exact();
    expected = TsneReference.symmetricFromUpper(EXACT.get("symmetricUpper"), e.p().size());
    assertTrue(TsneReference.relativeGap(e.p().toDense(), expected) < 1e-10);
  }

  @Test
  void allNeighboursPMatchesScikitLearnsJointProbabilities() {
    Affinities e = exact();
    double[][] sklearn =
        TsneReference.symmetricFromUpper(EXACT.get("sklearnSymmetricUpper"), e.p().size());
    // scikit-learn searches on float32 distances to an entropy tolerance of 1e-5.
    assertTrue(TsneReference.relativeGap(e.p().toDense(), sklearn) < 1e-4);
  }

  @Test
  void pIsADistributionSymmetricAndZeroOnTheDiagonal() {
    JointProbabilities p = knn(2).p();
    assertEquals(1.0, p.sum(), 1e-12);
    for (int i = 0; i < p.size(); i++) {
      assertEquals(0.0, p.get(i, i));
      for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
        int j = p.columns()[e];
        assertTrue(p.values()[e] >= 0);
        assertEquals(p.values()[e], p.get(j, i), 0.0, "p_ij == p_ji exactly");
        if (e > p.rowStart()[i]) {
          assertTrue(p.columns()[e - 1] < j, "columns increase");
        }
      }
    }
  }

  @Test
  void symmetrisedPIsCPlusCTransposeOverTwoN() {
    Affinities a = knn(1);
    int n = a.p().size();
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < a.conditional()[i].length; m++) {
        c[i][a.neighbours().indices()[i][m]] = a.conditional()[i][m];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals((c[i][j] + c[j][i]) / (2.0 * n), a.p().get(i, j), 1e-17);
      }
    }
  }

  @Test
  void everyRowHasTheRequestedPerplexity() {
    Affinities a = knn(1);
    for (double[] row : a.conditional()) {
      double entropy = 0;
      double sum = 0;
      for (double v : row) {
        entropy -= v > 0 ? v * Math.log(v) : 0;
        sum += v;
      }
      assertEquals(1.0, sum, 1e-12);
      assertEquals(Math.log(10.0), entropy, 2e-8); // the search stops within 1e-8 nats
    }
  }

  @Test
  void resultDoesNotDependOnThreads() {
    Affinities one = knn(1);
    Affinities two = knn(2);
    assertArrayEquals(one.p().values(), two.p().values());
    assertArrayEquals(one.p().columns(), two.p().columns());
  }

  @Test
  void searchHandlesFarAwayNeighboursAndEqualDistances() {
    // Distances around 1e6 would underflow exp(-tau d^2 / 2) without the shift by the nearest.
    ConditionalDistribution far =
        PerplexitySearch.search(new double[] {1e6, 1e6 + 1, 1e6 + 4, 1e6 + 9}, 2);
    assertEquals(2.0, far.perplexity(), 1e-7);
    ConditionalDistribution flat = PerplexitySearch.search(new double[] {3, 3, 3, 3, 3}, 2);
    for (double v : flat.probabilities()) {
      assertEquals(0.2, v, 1e-15);
    }
  }

  @Test
  void perplexityMustBeBelowTheNeighbourCount() {
    double[][] x = TsneReference.matrix(KNN.get("x"));
    assertThrows(IllegalArgumentException.class, () -> Affinities.perplexityBased(x, 30, 30, 1));
    assertEquals(90, Affinities.defaultNeighbours(5000, 30));
    assertEquals(99, Affinities.defaultNeighbours(100, 40));
  }

  @Test
  void nearestNeighbourTiesGoToTheSmallerIndex() {
    double[][] x = {{0}, {1}, {-1}, {2}, {-2}};
    NearestNeighbours nn = NearestNeighbours.exact(x, 4, 1);
    assertArrayEquals(new int[] {1, 2, 3, 4}, nn.indices()[0]);
    assertArrayEquals(new double[] {1, 1, 4, 4}, nn.squaredDistances()[0]);
  }
}
