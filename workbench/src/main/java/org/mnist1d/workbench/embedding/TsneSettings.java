package org.mnist1d.workbench.embedding;

/**
 * The parameters of a t-SNE run; {@link #openTsneDefaults()} gives openTSNE 1.0's defaults.
 *
 * @param dimensions the embedding's dimension (2 for pictures)
 * @param perplexity the effective number of neighbours each point's affinities spread over
 * @param neighbours the nearest neighbours the affinities use; 0 for openTSNE's min(N - 1, floor(3
 *     * perplexity))
 * @param earlyIterations the steps of the early-exaggeration phase
 * @param earlyExaggeration the factor on P's attraction during that phase
 * @param earlyMomentum the momentum during that phase
 * @param iterations the steps of the second phase
 * @param exaggeration the factor on P's attraction during the second phase (1: none)
 * @param momentum the momentum during the second phase
 * @param learningRate the step size, or {@link #AUTO_LEARNING_RATE} for openTSNE's N / exaggeration
 *     in each phase
 * @param dof the degrees of freedom of the embedding kernel (1: Cauchy, standard t-SNE)
 * @param minGain the floor term of the delta-bar-delta gains update
 * @param maxGradNorm per-point gradient norm clip, or infinity for none (openTSNE: none)
 * @param maxStepNorm per-point step norm clip, or infinity for none (openTSNE: 5)
 * @param checkpointEvery compute the exact KL (for the trace and the listener) every this many
 *     steps, 0 for only at the end of each phase
 * @param threads worker threads for the pairwise work; results do not depend on it
 */
public record TsneSettings(
    int dimensions,
    double perplexity,
    int neighbours,
    int earlyIterations,
    double earlyExaggeration,
    double earlyMomentum,
    int iterations,
    double exaggeration,
    double momentum,
    double learningRate,
    double dof,
    double minGain,
    double maxGradNorm,
    double maxStepNorm,
    int checkpointEvery,
    int threads) {

  /** Marks {@link #learningRate()} as openTSNE's "auto": N / exaggeration. */
  public static final double AUTO_LEARNING_RATE = Double.NaN;

  public TsneSettings {
    require(dimensions >= 1, "dimensions must be >= 1");
    require(perplexity > 0, "perplexity must be > 0");
    require(neighbours >= 0, "neighbours must be >= 0 (0: automatic)");
    require(earlyIterations >= 0 && iterations >= 0, "iterations must be >= 0");
    require(earlyExaggeration > 0 && exaggeration > 0, "exaggeration must be > 0");
    require(
        earlyMomentum >= 0 && earlyMomentum < 1 && momentum >= 0 && momentum < 1,
        "momentum must be in [0, 1)");
    require(Double.isNaN(learningRate) || learningRate > 0, "learning rate must be > 0 or AUTO");
    require(dof > 0, "dof must be > 0");
    require(minGain >= 0, "minGain must be >= 0");
    require(maxGradNorm > 0 && maxStepNorm > 0, "norm clips must be > 0 (infinity: none)");
    require(checkpointEvery >= 0, "checkpointEvery must be >= 0");
    require(threads >= 1, "threads must be >= 1");
  }

  /**
   * openTSNE 1.0's TSNE() defaults: 2-D, perplexity 30 over 90 neighbours, 250 steps at
   * exaggeration 12 then 500 at 1, momentum 0.8 in both, learning rate N / exaggeration, dof 1,
   * gains floor 0.01, no gradient clip, step clip 5, KL every 50 steps (its callbacks_every_iters),
   * and all available processors.
   */
  public static TsneSettings openTsneDefaults() {
    return new TsneSettings(
        2,
        30,
        0,
        250,
        12,
        0.8,
        500,
        1,
        0.8,
        AUTO_LEARNING_RATE,
        1,
        0.01,
        Double.POSITIVE_INFINITY,
        5,
        50,
        Runtime.getRuntime().availableProcessors());
  }

  /** These settings with another perplexity (and the automatic neighbourhood size). */
  public TsneSettings withPerplexity(double value) {
    return new TsneSettings(
        dimensions,
        value,
        0,
        earlyIterations,
        earlyExaggeration,
        earlyMomentum,
        iterations,
        exaggeration,
        momentum,
        learningRate,
        dof,
        minGain,
        maxGradNorm,
        maxStepNorm,
        checkpointEvery,
        threads);
  }

  /** These settings with other phase lengths. */
  public TsneSettings withIterations(int early, int later) {
    return new TsneSettings(
        dimensions,
        perplexity,
        neighbours,
        early,
        earlyExaggeration,
        earlyMomentum,
        later,
        exaggeration,
        momentum,
        learningRate,
        dof,
        minGain,
        maxGradNorm,
        maxStepNorm,
        checkpointEvery,
        threads);
  }

  /** These settings with another kernel degrees of freedom. */
  public TsneSettings withDof(double value) {
    return new TsneSettings(
        dimensions,
        perplexity,
        neighbours,
        earlyIterations,
        earlyExaggeration,
        earlyMomentum,
        iterations,
        exaggeration,
        momentum,
        learningRate,
        value,
        minGain,
        maxGradNorm,
        maxStepNorm,
        checkpointEvery,
        threads);
  }

  /** These settings with another thread count (which changes no result, only the time). */
  public TsneSettings withThreads(int value) {
    return new TsneSettings(
        dimensions,
        perplexity,
        neighbours,
        earlyIterations,
        earlyExaggeration,
        earlyMomentum,
        iterations,
        exaggeration,
        momentum,
        learningRate,
        dof,
        minGain,
        maxGradNorm,
        maxStepNorm,
        checkpointEvery,
        value);
  }

  /** The step size for {@code n} points at exaggeration {@code factor}. */
  public double learningRate(int n, double factor) {
    return Double.isNaN(learningRate) ? n / factor : learningRate;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
