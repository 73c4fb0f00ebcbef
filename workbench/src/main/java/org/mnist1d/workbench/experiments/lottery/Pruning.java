package org.mnist1d.workbench.experiments.lottery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Layer-wise pruning as the lottery notebook's {@code get_mask}: each layer's weight and bias form
 * one flat vector ({@code [weight row-major..., bias...]}), and the {@code int(sparsity * n)}
 * entries of lowest score are dropped (mask 0), the rest kept (mask 1). Masks are recomputed from
 * scratch each round. Ties are broken by position (the lower index drops first); with magnitudes
 * the only ties are the zeros of entries pruned before, which all drop since the schedule never
 * decreases, so magnitude masks come out nested.
 */
final class Pruning {
  private Pruning() {}

  /** The residual MLP's layers: parameters (w1, b1), (w2, b2), (w3, b3). */
  static final List<int[]> MLP_LAYERS =
      List.of(new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 5});

  /** Magnitude pruning: scores are {@code |value|}. */
  static List<double[]> magnitude(List<double[]> values, List<int[]> layers, double sparsity) {
    List<double[]> scores = new ArrayList<>();
    for (double[] v : values) {
      scores.add(Arrays.stream(v).map(Math::abs).toArray());
    }
    return lowestDropped(scores, layers, sparsity);
  }

  /**
   * The random baseline: a fresh uniform score per entry (drawn layer by layer, in flat order, from
   * {@code random}), so a uniformly random set of {@code int(sparsity * n)} entries of each layer
   * is dropped.
   */
  static List<double[]> random(
      List<Integer> sizes, List<int[]> layers, double sparsity, SplittableRandom random) {
    List<double[]> scores = new ArrayList<>();
    sizes.forEach(n -> scores.add(new double[n]));
    for (int[] layer : layers) {
      for (int p : layer) {
        double[] s = scores.get(p);
        for (int i = 0; i < s.length; i++) {
          s[i] = random.nextDouble();
        }
      }
    }
    return lowestDropped(scores, layers, sparsity);
  }

  /** Masks dropping the lowest-scoring {@code int(sparsity * n)} entries of each layer. */
  static List<double[]> lowestDropped(List<double[]> scores, List<int[]> layers, double sparsity) {
    List<double[]> masks = new ArrayList<>();
    scores.forEach(s -> masks.add(new double[s.length]));
    for (int[] layer : layers) {
      int n = 0;
      for (int p : layer) {
        n += scores.get(p).length;
      }
      double[] flat = new double[n];
      int at = 0;
      for (int p : layer) {
        System.arraycopy(scores.get(p), 0, flat, at, scores.get(p).length);
        at += scores.get(p).length;
      }
      boolean[] keep = keepMask(flat, Sparsity.dropped(sparsity, n));
      at = 0;
      for (int p : layer) {
        double[] mask = masks.get(p);
        for (int i = 0; i < mask.length; i++) {
          mask[i] = keep[at++] ? 1 : 0;
        }
      }
    }
    return masks;
  }

  /** Keeps all but the {@code drop} lowest scores (ties: lower index drops first). */
  static boolean[] keepMask(double[] scores, int drop) {
    boolean[] keep = new boolean[scores.length];
    Arrays.fill(keep, true);
    if (drop <= 0) {
      return keep;
    }
    if (drop >= scores.length) {
      Arrays.fill(keep, false);
      return keep;
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double threshold = sorted[drop - 1];
    int dropped = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] < threshold) {
        keep[i] = false;
        dropped++;
      }
    }
    for (int i = 0; i < scores.length && dropped < drop; i++) {
      if (scores[i] == threshold) {
        keep[i] = false;
        dropped++;
      }
    }
    return keep;
  }
}
