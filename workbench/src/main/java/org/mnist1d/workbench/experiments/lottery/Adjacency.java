package org.mnist1d.workbench.experiments.lottery;

/**
 * How often neighbouring input weights of a first-layer unit survive pruning (the lottery
 * notebook's mask analysis): for hidden unit {@code k} with kept-indicator {@code nz[k][i]} over
 * the {@code L} inputs, {@code p2 = sum_i nz[k,i] nz[k,i+1] / L}, {@code p3} and {@code p4} the
 * same with runs of three and four; the mean and the standard error ({@code std / sqrt(units)},
 * NumPy's population std) over the units.
 */
final class Adjacency {
  private Adjacency() {}

  /** Mean and standard error over hidden units of p2, p3 and p4. */
  record Stats(double[] mean, double[] sem) {}

  /**
   * The statistics of a first-layer weight mask {@code w1} (hidden x inputs, row-major), runs of 2,
   * 3 and 4. With {@code lastFactor} non-null, the last factor of every run of four is taken from
   * that mask instead: upstream's lottery p4 multiplies by the random mask there (a typo kept to
   * compare with the published bar).
   */
  static Stats of(double[] w1, double[] lastFactor, int hidden, int inputs) {
    double[][] per = new double[3][hidden];
    for (int k = 0; k < hidden; k++) {
      int row = k * inputs;
      for (int run = 2; run <= 4; run++) {
        double sum = 0;
        for (int i = 0; i + run <= inputs; i++) {
          double p = 1;
          for (int j = 0; j < run; j++) {
            double[] source = run == 4 && j == 3 && lastFactor != null ? lastFactor : w1;
            p *= source[row + i + j] != 0 ? 1 : 0;
          }
          sum += p;
        }
        per[run - 2][k] = sum / inputs;
      }
    }
    double[] mean = new double[3];
    double[] sem = new double[3];
    for (int r = 0; r < 3; r++) {
      double m = 0;
      for (double v : per[r]) {
        m += v;
      }
      m /= hidden;
      double ss = 0;
      for (double v : per[r]) {
        ss += (v - m) * (v - m);
      }
      mean[r] = m;
      sem[r] = Math.sqrt(ss / hidden) / Math.sqrt(hidden);
    }
    return new Stats(mean, sem);
  }

  /**
   * The columns (hidden units) of a first-layer mask ordered as the notebook's mask figure: by
   * descending {@code adjacency + 0.001 * kept}, where adjacency counts neighbouring kept pairs;
   * ties keep their order (upstream's argsort is not stable, so its order of equal scores is
   * arbitrary).
   */
  static int[] unitOrder(double[] w1, int hidden, int inputs) {
    double[] score = new double[hidden];
    for (int k = 0; k < hidden; k++) {
      double adjacent = 0;
      double kept = 0;
      for (int i = 0; i < inputs; i++) {
        double v = w1[k * inputs + i] != 0 ? 1 : 0;
        kept += v;
        if (i + 1 < inputs && v != 0 && w1[k * inputs + i + 1] != 0) {
          adjacent++;
        }
      }
      score[k] = adjacent + 0.001 * kept;
    }
    return java.util.stream.IntStream.range(0, hidden)
        .boxed()
        .sorted((a, b) -> Double.compare(score[b], score[a]))
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
