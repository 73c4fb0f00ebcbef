package org.mnist1d.workbench.embedding;

/**
 * One point's conditional distribution over its neighbours, p(j | i), from a Gaussian whose
 * precision was tuned to a perplexity.
 *
 * @param probabilities p(j | i) for the neighbours in the order given; sums to 1
 * @param precision the Gaussian precision tau = 1 / sigma^2 that was found
 * @param entropy the distribution's Shannon entropy in nats (perplexity = exp(entropy))
 * @param steps the bisection steps taken
 */
public record ConditionalDistribution(
    double[] probabilities, double precision, double entropy, int steps) {

  /** exp(entropy): the effective number of neighbours. */
  public double perplexity() {
    return StrictMath.exp(entropy);
  }
}
