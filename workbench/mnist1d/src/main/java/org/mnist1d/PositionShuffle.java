package org.mnist1d;

/**
 * The "shuffled" benchmark's fixed permutation of positions: NumPy legacy {@code seed(42)} then
 * {@code permutation(L)}, applied to every train and test input.
 */
public final class PositionShuffle {
  private PositionShuffle() {}

  /** The permutation of {@code length} positions drawn from {@code seed}. */
  public static int[] permutation(int length, long seed) {
    return new LegacyRandom(seed).permutation(length);
  }

  /** {@code x} with columns reordered: {@code out[i][j] = x[i][perm[j]]}. */
  public static double[][] apply(double[][] x, int[] perm) {
    double[][] out = new double[x.length][perm.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < perm.length; j++) {
        out[i][j] = x[i][perm[j]];
      }
    }
    return out;
  }
}
