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

  /** A symmetric PSD matrix Q diag(spectrum) Q^T with a random orthogonal Q (fixed seed). */
  private static double[][] planted(int d, double[] spectrum, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[][] q = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int f = 0; f < d; f++) {
        q[j][f] = r.nextGaussian();
      }
      for (int i = 0; i < j; i++) {
        double dot = 0;
        for (int f = 0; f < d; f++) {
          dot += q[i][f] * q[j][f];
        }
        for (int f = 0; f < d; f++) {
          q[j][f] -= dot * q[i][f];
        }
      }
      double n = 0;
      for (int f = 0; f < d; f++) {
        n += q[j][f] * q[j][f];
      }
      for (int f = 0; f < d; f++) {
        q[j][f] /= Math.sqrt(n);
      }
    }
    double[][] a = new double[d][d];
    for (int j = 0; j < d; j++) {
      for (int x = 0; x < d; x++) {
        for (int y = 0; y < d; y++) {
          a[x][y] += spectrum[j] * q[j][x] * q[j][y];
        }
      }
    }
    return a;
  }

  @Test
  void subspaceIterationGivesTheTopEigenpairsOfTheFullDecomposition() {
    int d = 80;
    double[] spectrum = new double[d];
    for (int j = 0; j < d; j++) {
      spectrum[j] = 100 * Math.pow(0.8, j) + (j == 1 ? 30 : 0);
    }
    double[][] a = planted(d, spectrum, 7);
    SymmetricEigen full = SymmetricEigen.of(a);
    SymmetricEigen top = SymmetricEigen.top(a, 3);
    for (int c = 0; c < 3; c++) {
      assertEquals(full.values()[c], top.values()[c], 1e-10 * full.values()[0]);
      double dot = 0;
      for (int f = 0; f < d; f++) {
        dot += full.vectors()[c][f] * top.vectors()[c][f];
      }
      assertEquals(1.0, Math.abs(dot), 1e-10, "component " + c + " is the same axis");
    }
  }

  /** Above 256 features PCA takes the top components by subspace iteration: still eigenvectors. */
  @Test
  void manyFeaturesStillGiveEigenvectorsOfTheCovariance() {
    int d = Pca.FULL_DECOMPOSITION_MAX + 44;
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    double[][] x = new double[400][d];
    for (double[] row : x) {
      double s1 = 5 * r.nextGaussian();
      double s2 = 2 * r.nextGaussian();
      for (int f = 0; f < d; f++) {
        row[f] = s1 * Math.sin(f * 0.1) + s2 * Math.cos(f * 0.37) + 0.3 * r.nextGaussian();
      }
    }
    Pca pca = Pca.fit(x, 2);
    double[][] centred = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      for (int f = 0; f < d; f++) {
        centred[i][f] = x[i][f] - pca.mean()[f];
      }
    }
    for (int c = 0; c < 2; c++) {
      double[] v = pca.components()[c];
      // C v = X^T (X v) / (n - 1) against lambda v
      double[] xv = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        for (int f = 0; f < d; f++) {
          xv[i] += centred[i][f] * v[f];
        }
      }
      for (int f = 0; f < d; f++) {
        double cv = 0;
        for (int i = 0; i < x.length; i++) {
          cv += centred[i][f] * xv[i];
        }
        cv /= x.length - 1;
        assertEquals(pca.explainedVariance()[c] * v[f], cv, 1e-9 * pca.explainedVariance()[0]);
      }
    }
    assertEquals(true, pca.explainedVariance()[0] > pca.explainedVariance()[1]);
  }
}
