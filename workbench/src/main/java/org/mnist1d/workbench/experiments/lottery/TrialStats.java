package org.mnist1d.workbench.experiments.lottery;

import java.util.List;

/**
 * Mean and standard error over trials, as the notebook's {@code average_over}: {@code np.mean} and
 * {@code np.std / sqrt(n)} (population standard deviation) at each point of equally long curves.
 */
record TrialStats(double[] mean, double[] sem) {
  static TrialStats of(List<double[]> curves) {
    int n = curves.size();
    int len = curves.stream().mapToInt(c -> c.length).min().orElse(0);
    double[] mean = new double[len];
    double[] sem = new double[len];
    for (int i = 0; i < len; i++) {
      double m = 0;
      for (double[] c : curves) {
        m += c[i];
      }
      m /= n;
      double ss = 0;
      for (double[] c : curves) {
        ss += (c[i] - m) * (c[i] - m);
      }
      mean[i] = m;
      sem[i] = Math.sqrt(ss / n) / Math.sqrt(n);
    }
    return new TrialStats(mean, sem);
  }
}
