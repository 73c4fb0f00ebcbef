package org.mnist1d.workbench.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Exact t-SNE with openTSNE's default schedule: perplexity affinities over exact nearest
 * neighbours, PCA initialisation, an early-exaggeration phase then a plain one, each step using the
 * exact gradient (all pairs). O(N^2) per step: meant for up to a few thousand points.
 */
public final class Tsne {
  private Tsne() {}

  /** Embeds the rows of {@code x} from scratch, without progress reports. */
  public static Embedding embed(double[][] x, TsneSettings settings) {
    return embed(x, settings, ProgressListener.NONE);
  }

  /** Embeds the rows of {@code x} from scratch: affinities, PCA start, both phases. */
  public static Embedding embed(double[][] x, TsneSettings settings, ProgressListener listener) {
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("t-SNE needs at least 2 points, got " + n);
    }
    // openTSNE lowers a perplexity too high for the data set to (N - 1) / 3, likewise.
    double perplexity = Math.min(settings.perplexity(), (n - 1) / 3.0);
    int k =
        settings.neighbours() > 0
            ? settings.neighbours()
            : Affinities.defaultNeighbours(n, perplexity);
    Affinities affinities = Affinities.perplexityBased(x, perplexity, k, settings.threads());
    return embed(affinities.p(), Initialisation.pca(x, settings.dimensions()), settings, listener);
  }

  /**
   * Optimises a given start {@code initial} (one row per point; not modified) for the affinities
   * {@code p}; the settings' perplexity and neighbours are not used.
   */
  public static Embedding embed(
      JointProbabilities p, double[][] initial, TsneSettings settings, ProgressListener listener) {
    int n = p.size();
    if (initial.length != n || initial[0].length != settings.dimensions()) {
      throw new IllegalArgumentException("the start must be " + n + " x " + settings.dimensions());
    }
    double[][] y = TsneObjective.columns(initial);
    double[][] gradient = new double[y.length][n];
    GradientDescent descent =
        new GradientDescent(
            y.length, n, settings.minGain(), settings.maxGradNorm(), settings.maxStepNorm());
    int early = settings.earlyIterations();
    int total = early + settings.iterations();
    int every = settings.checkpointEvery();
    List<KlCheckpoint> trace = new ArrayList<>();
    double earlyKl = Double.NaN;
    try (TsneObjective objective = new TsneObjective(p, settings.dof(), settings.threads())) {
      for (int t = 0; t < total; t++) {
        boolean inEarly = t < early;
        double factor = inEarly ? settings.earlyExaggeration() : settings.exaggeration();
        // The KL after t steps costs little extra in the pass that computes the next gradient.
        boolean checkpoint = t == early || t > 0 && every > 0 && t % every == 0;
        double kl = objective.evaluate(y, factor, gradient, checkpoint);
        if (checkpoint) {
          earlyKl = t == early ? kl : earlyKl;
          record(trace, listener, new KlCheckpoint(t, kl));
        }
        descent.step(
            y,
            gradient,
            settings.learningRate(n, factor),
            inEarly ? settings.earlyMomentum() : settings.momentum());
      }
      double kl = objective.evaluate(y, 1, null, true);
      if (early == total) {
        earlyKl = kl;
      }
      record(trace, listener, new KlCheckpoint(total, kl));
      return new Embedding(TsneObjective.rowsOf(y), kl, earlyKl, List.copyOf(trace));
    }
  }

  private static void record(List<KlCheckpoint> trace, ProgressListener listener, KlCheckpoint c) {
    trace.add(c);
    listener.onCheckpoint(c);
  }
}
