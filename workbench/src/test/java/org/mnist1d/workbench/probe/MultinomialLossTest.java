package org.mnist1d.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.reference.ReferenceJson;

class MultinomialLossTest {

  /** The standardised reference training rows and their loss with C = 1. */
  static MultinomialLoss referenceLoss() {
    double[][] x = Standardizer.fit(ProbeReference.xTrain()).transform(ProbeReference.xTrain());
    int[] y = ProbeReference.yTrain(); // labels 0..9, all present: class index = label
    return new MultinomialLoss(x, y, 10, 1.0);
  }

  /** A reference fit's coefficients in the loss's layout. */
  static double[] parameters(String fit) {
    double[][] w = ReferenceJson.matrix(ProbeReference.get(fit + ".coef"));
    double[] b = ReferenceJson.doubles(ProbeReference.get(fit + ".intercept"));
    int d = w[0].length;
    double[] theta = new double[w.length * (d + 1)];
    for (int k = 0; k < w.length; k++) {
      System.arraycopy(w[k], 0, theta, k * (d + 1), d);
      theta[k * (d + 1) + d] = b[k];
    }
    return theta;
  }

  @Test
  void valueAtScikitLearnsSolutionsEqualsScikitLearnsObjective() {
    // the reference evaluates sklearn's own LinearModelLoss (sum of losses + 0.5/C ||W||^2), so
    // agreement checks the scaling: a mean instead of a sum, or a penalised intercept, fails
    MultinomialLoss loss = referenceLoss();
    for (String fit : new String[] {"logistic_upstream", "logistic_tight", "logistic_polished"}) {
      double expected = ProbeReference.get(fit + ".objective").asDouble();
      double value = loss.valueAndGradient(parameters(fit), new double[loss.dimension()]);
      assertEquals(expected, value, 1e-12 * expected, fit);
    }
  }

  @Test
  void gradientVanishesAtThePolishedOptimumAndMatchesScikitLearnsElsewhere() {
    MultinomialLoss loss = referenceLoss();
    double[] g = new double[loss.dimension()];
    loss.valueAndGradient(parameters("logistic_polished"), g);
    assertTrue(maxAbs(g) < 1e-12, "gradient max " + maxAbs(g));
    loss.valueAndGradient(parameters("logistic_upstream"), g);
    double expected = ProbeReference.get("logistic_upstream.gradient_max_abs").asDouble();
    assertEquals(expected, maxAbs(g), 1e-10);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    MultinomialLoss loss = referenceLoss();
    Random rnd = new Random(7);
    double[] theta = new double[loss.dimension()];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.5 * rnd.nextGaussian();
    }
    double[] g = new double[theta.length];
    loss.valueAndGradient(theta, g);
    double[] scratch = new double[theta.length];
    double h = 1e-5;
    for (int i = 0; i < theta.length; i++) {
      double keep = theta[i];
      theta[i] = keep + h;
      double up = loss.valueAndGradient(theta, scratch);
      theta[i] = keep - h;
      double down = loss.valueAndGradient(theta, scratch);
      theta[i] = keep;
      double fd = (up - down) / (2 * h);
      assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "component " + i);
    }
  }

  @Test
  void survivesHugeLogits() {
    // both examples confidently wrong: logits (1e9, 0) with label 1 and (-1e9, 0) with label 0;
    // each loss is 1e9, not infinity (a naive log(softmax) underflows to log 0)
    MultinomialLoss loss =
        new MultinomialLoss(new double[][] {{1e3}, {-1e3}}, new int[] {1, 0}, 2, 1.0);
    double[] g = new double[4];
    double f = loss.valueAndGradient(new double[] {1e6, 0, 0, 0}, g);
    assertEquals(2e9 + 0.5 * 1e12, f, 1e-3);
    assertTrue(Double.isFinite(g[0]));
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }
}
