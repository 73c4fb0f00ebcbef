package org.mnist1d.workbench.embedding;

/**
 * Perplexity-based t-SNE affinities as openTSNE computes them: each point's Gaussian conditional
 * distribution over its k nearest neighbours, tuned to the perplexity, then symmetrised into P.
 *
 * @param neighbours the exact k nearest neighbours used
 * @param conditional row i: p(j | i) for the neighbours of i, in the order of {@code neighbours}
 * @param precision row i: the Gaussian precision tau_i = 1 / sigma_i^2 found for point i
 * @param p the symmetric joint distribution, summing to 1
 */
public record Affinities(
    NearestNeighbours neighbours,
    double[][] conditional,
    double[] precision,
    JointProbabilities p) {

  /** openTSNE's neighbourhood size for a perplexity: min(N - 1, floor(3 * perplexity)). */
  public static int defaultNeighbours(int n, double perplexity) {
    return (int) Math.min(n - 1, Math.floor(3 * perplexity));
  }

  /**
   * The affinities of the rows of {@code x} at {@code perplexity} over their {@code k} nearest
   * neighbours ({@code k = n - 1} uses all other points, the classic exact t-SNE affinities).
   */
  public static Affinities perplexityBased(double[][] x, double perplexity, int k, int threads) {
    if (!(perplexity > 0) || perplexity >= k) {
      // exp(entropy) over k points is at most k: a larger perplexity has no bandwidth.
      throw new IllegalArgumentException(
          "perplexity must be in (0, k) = (0, " + k + "), got " + perplexity);
    }
    NearestNeighbours nn = NearestNeighbours.exact(x, k, threads);
    int n = x.length;
    double[][] conditional = new double[n][];
    double[] precision = new double[n];
    try (ParallelRows rows = new ParallelRows(threads)) {
      rows.forEach(
          n,
          (from, to, worker) -> {
            for (int i = from; i < to; i++) {
              ConditionalDistribution c =
                  PerplexitySearch.search(nn.squaredDistances()[i], perplexity);
              conditional[i] = c.probabilities();
              precision[i] = c.precision();
            }
          });
    }
    JointProbabilities p = JointProbabilities.symmetrise(nn.indices(), conditional);
    return new Affinities(nn, conditional, precision, p);
  }
}
