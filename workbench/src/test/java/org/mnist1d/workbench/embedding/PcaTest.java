package org.mnist1d.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** PCA against scikit-learn's PCA (full SVD), including its sign convention. */
class PcaTest {
  private static final JsonNode REF = TsneReference.load("pca.json");
  private static final double[][] X = TsneReference.matrix(REF.get("x"));

  @Test
  void componentsVarianceAndScoresMatchScikitLearn() {
    Pca pca = Pca.fit(X, 2);
    assertArrayEquals(TsneReference.doubles(REF.get("mean")), pca.mean(), 1e-13);
    assertArrayEquals(
        TsneReference.doubles(REF.get("explainedVariance")), pca.explainedVariance(), 1e-11);
    for (int c = 0; c < 2; c++) {
      // Same signs as scikit-learn, not just the same axes.
      assertArrayEquals(
          TsneReference.doubles(REF.get("components").get(c)), pca.components()[c], 1e-11);
    }
    double[][] scores = TsneReference.reshape(TsneReference.doubles(REF.get("scores")), 2);
    double[][] ours = pca.transform(X);
    for (int i = 0; i < scores.length; i++) {
      assertArrayEquals(scores[i], ours[i], 1e-11);
    }
  }

  @Test
  void openTsneInitialisationIsScoresScaledToFirstStd1em4() {
    double[][] expected = TsneReference.reshape(TsneReference.doubles(REF.get("openTsneInit")), 2);
    double[][] init = Initialisation.pca(X, 2);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], init[i], 1e-15);
    }
    double mean = 0;
    double var = 0;
    for (double[] row : init) {
      mean += row[0] / init.length;
    }
    for (double[] row : init) {
      var += (row[0] - mean) * (row[0] - mean) / init.length;
    }
    assertEquals(1e-4, Math.sqrt(var), 1e-18);
  }

  @Test
  void componentsAreOrthonormalAndSignedByTheLargestScore() {
    Pca pca = Pca.fit(X, 4);
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        double dot = 0;
        for (int f = 0; f < X[0].length; f++) {
          dot += pca.components()[a][f] * pca.components()[b][f];
        }
        assertEquals(a == b ? 1 : 0, dot, 1e-13);
      }
    }
    double[][] scores = pca.transform(X);
    for (int c = 0; c < 4; c++) {
      double largest = 0;
      for (double[] row : scores) {
        largest = Math.abs(row[c]) > Math.abs(largest) ? row[c] : largest;
      }
      assertEquals(1.0, Math.signum(largest));
      if (c > 0) {
        assertEquals(true, pca.explainedVariance()[c] <= pca.explainedVariance()[c - 1]);
      }
    }
  }
}
