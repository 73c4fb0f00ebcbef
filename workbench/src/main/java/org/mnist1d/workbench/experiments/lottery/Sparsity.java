package org.mnist1d.workbench.experiments.lottery;

/**
 * The pruning schedule: round {@code i} of {@code R} has sparsity {@code i / (R - 1)}, exactly as
 * NumPy's {@code linspace(0, 1, R)} computes it ({@code i * (1 / (R - 1))}, the last one exactly
 * 1), and a layer of {@code n} entries drops {@code int(sparsity * n)} of them.
 */
final class Sparsity {
  private Sparsity() {}

  /** The sparsity of round {@code round} (0-based) of {@code rounds}. */
  static double at(int round, int rounds) {
    if (rounds == 1) {
      return 0;
    }
    return round == rounds - 1 ? 1.0 : round * (1.0 / (rounds - 1));
  }

  /** How many of {@code size} entries a layer at {@code sparsity} drops (truncated, as int()). */
  static int dropped(double sparsity, int size) {
    return (int) (sparsity * size);
  }
}
