package org.mnist1d.workbench.train;

import java.util.SplittableRandom;

/**
 * The order of the examples in each epoch of shuffled training: one generator seeded once, a fresh
 * Fisher-Yates permutation of {@code 0..n-1} per epoch, as a shuffling {@code DataLoader} draws
 * them. Epoch {@code e}'s order depends only on the seed and {@code e}.
 */
public final class EpochShuffle {
  private final int n;
  private final long seed;
  private SplittableRandom random;
  private int next;

  /** Orders of {@code n} examples from {@code seed}; the first call gives epoch 0. */
  public EpochShuffle(int n, long seed) {
    this.n = n;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** The order of epoch {@code epoch} (later epochs than asked before are drawn in turn). */
  public int[] order(int epoch) {
    if (epoch < next) {
      random = new SplittableRandom(seed); // an earlier epoch again (a resumed run): replay
      next = 0;
    }
    int[] perm = null;
    while (next <= epoch) {
      perm = draw(next == epoch);
      next++;
    }
    return perm;
  }

  private int[] draw(boolean keep) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      if (keep) {
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
    }
    return perm;
  }
}
