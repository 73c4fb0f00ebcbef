package org.mnist1d.workbench.embedding;

/**
 * Finds, for one point, the Gaussian precision whose conditional distribution over the given
 * neighbours has a requested perplexity, by the bisection openTSNE uses.
 *
 * <p>The weights are exp(-tau d^2 / 2). The search starts at tau = 1, doubles or halves tau until
 * the entropy's target is bracketed, then bisects, stopping when the entropy is within {@link
 * #ENTROPY_TOLERANCE} nats of log(perplexity) or after {@link #MAX_STEPS} steps (openTSNE's
 * values). The exponent is taken relative to the nearest neighbour's distance, which leaves the
 * normalised distribution unchanged but keeps the largest weight at exactly 1, so the sum cannot
 * underflow however far away the neighbours are. It uses {@link StrictMath} so that the result is
 * the same on every JVM and processor.
 */
public final class PerplexitySearch {
  /** openTSNE's stopping tolerance on the entropy, in nats. */
  public static final double ENTROPY_TOLERANCE = 1e-8;

  /** openTSNE's bound on the number of bisection steps. */
  public static final int MAX_STEPS = 200;

  private PerplexitySearch() {}

  /**
   * The conditional distribution over neighbours at squared distances {@code squaredDistances}
   * whose perplexity is {@code perplexity}.
   */
  public static ConditionalDistribution search(double[] squaredDistances, double perplexity) {
    int k = squaredDistances.length;
    if (!(perplexity > 0)) {
      throw new IllegalArgumentException("perplexity must be > 0, got " + perplexity);
    }
    if (k < 1) {
      throw new IllegalArgumentException("need at least one neighbour");
    }
    double nearest = Double.POSITIVE_INFINITY;
    for (double d : squaredDistances) {
      nearest = Math.min(nearest, d);
    }
    double target = StrictMath.log(perplexity);
    double[] p = new double[k];
    double tau = 1;
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    double entropy = 0;
    int step = 0;
    while (true) {
      entropy = distribution(squaredDistances, nearest, tau, p);
      step++;
      double excess = entropy - target;
      if (Math.abs(excess) <= ENTROPY_TOLERANCE || step >= MAX_STEPS) {
        break;
      }
      // Too much entropy means too wide a Gaussian: raise the precision.
      if (excess > 0) {
        low = tau;
        tau = high == Double.POSITIVE_INFINITY ? tau * 2 : (tau + high) / 2;
      } else {
        high = tau;
        tau = low == Double.NEGATIVE_INFINITY ? tau / 2 : (tau + low) / 2;
      }
    }
    return new ConditionalDistribution(p, tau, entropy, step);
  }

  /**
   * Fills {@code p} with the normalised weights at precision {@code tau}; returns their entropy.
   */
  private static double distribution(double[] d2, double nearest, double tau, double[] p) {
    double sum = 0;
    for (int j = 0; j < d2.length; j++) {
      p[j] = StrictMath.exp(-0.5 * tau * (d2[j] - nearest));
      sum += p[j];
    }
    // H = -sum p log p with log p_j = -tau (d_j^2 - nearest) / 2 - log(sum).
    double meanExcess = 0;
    for (int j = 0; j < d2.length; j++) {
      p[j] /= sum;
      meanExcess += p[j] * (d2[j] - nearest);
    }
    return StrictMath.log(sum) + 0.5 * tau * meanExcess;
  }
}
