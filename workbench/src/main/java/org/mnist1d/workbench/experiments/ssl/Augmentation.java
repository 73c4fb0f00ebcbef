package org.mnist1d.workbench.experiments.ssl;

import java.util.SplittableRandom;
import org.mnist1d.LegacyRandom;

/**
 * The SSL notebook's augmentation of a batch ({@code augment(x, maxshift=10, mode='pytorch')}): for
 * each signal, remove its mean and its least-squares slope over {@code t = j - (L - 1) / 2}, roll
 * it right by a random shift in {@code [0, maxShift)}, then add a random slope {@code N(0,
 * slopeStd) * t} and a random offset {@code N(0, offsetStd)}.
 *
 * <p>Randomness: the shifts come from NumPy's legacy stream, as upstream draws them ({@code
 * np.random.randint(0, maxshift, n)} even in torch mode), so with the same stream position they are
 * upstream's exactly; the slopes and offsets, which upstream draws from torch's generator (not
 * reproducible in Java), come from a seeded Java generator: for each view, {@code n} slopes then
 * {@code n} offsets, as torch draws them.
 */
record Augmentation(int maxShift, double slopeStd, double offsetStd) {

  /** The notebook's training setting: shifts 0..9, slope std 0.04, offset std 0.3. */
  static Augmentation upstream() {
    return new Augmentation(10, 0.04, 0.3);
  }

  /** One augmented view of {@code rows} (not modified), as a flat row-major array. */
  double[] view(double[][] rows, LegacyRandom shifts, SplittableRandom normals) {
    int n = rows.length;
    int len = rows[0].length;
    double[] t = new double[len];
    double tt = 0;
    for (int j = 0; j < len; j++) {
      t[j] = j - (len - 1) / 2.0;
      tt += t[j] * t[j];
    }
    int[] shift = new int[n];
    if (maxShift > 0) {
      for (int i = 0; i < n; i++) {
        shift[i] = (int) shifts.interval(maxShift - 1L); // randint(0, maxShift)
      }
    }
    double[] slopes = new double[n];
    double[] offsets = new double[n];
    for (int i = 0; i < n; i++) {
      slopes[i] = slopeStd * normals.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      offsets[i] = offsetStd * normals.nextGaussian();
    }
    double[] out = new double[n * len];
    double[] v = new double[len];
    for (int i = 0; i < n; i++) {
      double[] x = rows[i];
      double mean = 0;
      double xt = 0;
      for (int j = 0; j < len; j++) {
        mean += x[j];
        xt += x[j] * t[j];
      }
      mean /= len;
      double slope = xt / tt; // on the original x, as upstream (the same since sum t = 0)
      for (int j = 0; j < len; j++) {
        v[j] = x[j] - mean - slope * t[j];
      }
      for (int j = 0; j < len; j++) {
        int from = Math.floorMod(j - shift[i], len); // np.roll(v, s): out[j] = v[j - s]
        out[i * len + j] = v[from] + slopes[i] * t[j] + offsets[i];
      }
    }
    return out;
  }
}
