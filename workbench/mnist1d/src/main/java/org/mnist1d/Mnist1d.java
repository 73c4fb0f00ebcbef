package org.mnist1d;

import java.util.Arrays;

/** Generates MNIST-1D exactly as the Python reference does (see the module's GENERATOR.md). */
public final class Mnist1d {
  private Mnist1d() {}

  /** Makes the dataset for these arguments. */
  public static Mnist1dData generate(Mnist1dArgs args) {
    LegacyRandom rng = new LegacyRandom(args.seed());
    ExampleTransform transform = new ExampleTransform(args);
    double[][] templates = Templates.x();
    int perClass = args.numSamples() / Templates.CLASSES;
    int count = perClass * Templates.CLASSES;
    int length = args.finalSeqLength();

    double[][] made = new double[count][length];
    int[] madeLabels = new int[count];
    for (int label = 0, k = 0; label < Templates.CLASSES; label++) {
      for (int e = 0; e < perClass; e++, k++) {
        transform.apply(rng, templates[label], made[k]);
        madeLabels[k] = label;
      }
    }

    int[] perm = rng.permutation(count);
    double[][] xs = new double[count][];
    int[] ys = new int[count];
    for (int i = 0; i < count; i++) {
      xs[i] = made[perm[i]];
      ys[i] = madeLabels[perm[i]];
    }

    if (args.shuffleSeq()) {
      int[] positions = rng.permutation(length);
      double[] row = new double[length];
      for (double[] x : xs) {
        for (int j = 0; j < length; j++) {
          row[j] = x[positions[j]];
        }
        System.arraycopy(row, 0, x, 0, length);
      }
    }

    // Mean and population std over all values of all examples, train and test together.
    double mean = sum(xs, false, 0.0) / ((double) count * length);
    double std = Math.sqrt(sum(xs, true, mean) / ((double) count * length));
    for (double[] x : xs) {
      for (int j = 0; j < length; j++) {
        x[j] = (x[j] - mean) / std;
      }
    }
    double[] t = transform.timeAxis(Templates.t());
    for (int j = 0; j < length; j++) {
      t[j] /= std;
    }

    int split = args.trainCount();
    int[] yTrain = Arrays.copyOfRange(ys, 0, split);
    if (args.labelNoise() > 0) {
      redrawLabels(rng, yTrain, args.labelNoise());
    }
    return new Mnist1dData(
        Arrays.copyOfRange(xs, 0, split),
        yTrain,
        Arrays.copyOfRange(xs, split, count),
        Arrays.copyOfRange(ys, split, count),
        t);
  }

  /**
   * The double-descent notebook's label noise, on the stream as the dataset left it: for each label
   * in order, {@code if random_sample() < p: y[i] = randint(0, 10)}. NumPy's legacy {@code
   * randint(0, 10)} is masked rejection on single 32-bit draws ({@link LegacyRandom#interval}).
   */
  static void redrawLabels(LegacyRandom rng, int[] labels, double p) {
    for (int i = 0; i < labels.length; i++) {
      if (rng.rand() < p) {
        labels[i] = (int) rng.interval(Templates.CLASSES - 1);
      }
    }
  }

  /**
   * Sum of all values, or of squared deviations from centre, row by row and then pairwise over
   * rows, so rounding stays near NumPy's pairwise summation.
   */
  private static double sum(double[][] rows, boolean squaredDeviations, double centre) {
    double[] rowSums = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      double[] x = rows[i];
      double s = 0;
      if (!squaredDeviations) {
        for (double v : x) {
          s += v;
        }
      } else {
        for (double v : x) {
          double d = v - centre;
          s += d * d;
        }
      }
      rowSums[i] = s;
    }
    return pairwise(rowSums, 0, rowSums.length);
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n <= 8) {
      double s = 0;
      for (int i = from; i < from + n; i++) {
        s += a[i];
      }
      return s;
    }
    int half = n / 2;
    return pairwise(a, from, half) + pairwise(a, from + half, n - half);
  }
}
