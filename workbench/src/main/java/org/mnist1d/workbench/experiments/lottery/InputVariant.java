package org.mnist1d.workbench.experiments.lottery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mnist1d.LegacyRandom;

/**
 * The lottery notebook's ablations: how the inputs are rearranged (a fixed permutation of the 40
 * positions, applied to train and test inputs alike) and whether the network starts from another
 * initialisation.
 *
 * <ul>
 *   <li>{@code baseline}: the new dataset as it is;
 *   <li>{@code reinit}: as baseline, from the next initialisation seed (the notebook's {@code
 *       set_seed(42 + t + 1)}), masks kept;
 *   <li>{@code shuffled}: positions permuted by NumPy's {@code seed(shuffle_seed); permutation(L)}
 *       (the notebook's seed 0);
 *   <li>{@code flipped}: positions reversed ({@code x[..., ::-1]});
 *   <li>{@code chunks}: the four quarters reordered 3rd, 4th, 1st, 2nd ({@code [20:30], [30:40],
 *       [0:10], [10:20]} for 40 positions).
 * </ul>
 */
enum InputVariant {
  BASELINE,
  REINIT,
  SHUFFLED,
  FLIPPED,
  CHUNKS;

  static final List<String> NAMES = Arrays.stream(values()).map(InputVariant::configName).toList();

  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static InputVariant named(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The initialisation seed offset from {@code seed + trial}. */
  int initOffset() {
    return this == REINIT ? 1 : 0;
  }

  /** The position {@code j} of a new input takes the old position {@code perm[j]}. */
  int[] permutation(int length, long shuffleSeed) {
    int[] p = new int[length];
    switch (this) {
      case BASELINE, REINIT -> Arrays.setAll(p, j -> j);
      case SHUFFLED -> p = new LegacyRandom(shuffleSeed).permutation(length);
      case FLIPPED -> Arrays.setAll(p, j -> length - 1 - j);
      case CHUNKS -> {
        if (length % 4 != 0) {
          throw new IllegalArgumentException("chunks needs a length divisible by 4, got " + length);
        }
        int q = length / 4;
        int[] order = {2, 3, 0, 1};
        Arrays.setAll(p, j -> order[j / q] * q + j % q);
      }
    }
    return p;
  }
}
