package org.mnist1d.workbench.embedding;

import java.util.Arrays;

/**
 * The exact t-SNE objective: KL(P || Q) and its gradient at a layout, with all N^2 pairs for the
 * repulsion and the sparse P for the attraction.
 *
 * <p>The similarity kernel in the embedding is openTSNE's heavy-tailed one, w_ij = (1 + |y_i -
 * y_j|^2 / dof)^(-dof) (dof = 1: the Cauchy kernel of standard t-SNE), and q_ij = w_ij / Z with Z =
 * sum over ordered pairs i != j of w_ij.
 *
 * <p>The gradient is openTSNE's, a quarter of the true one: g_i = alpha sum_j p_ij b_ij (y_i - y_j)
 * - (1 / Z) sum_j w_ij b_ij (y_i - y_j), with b_ij = (1 + |y_i - y_j|^2 / dof)^-1 and alpha the
 * exaggeration; at alpha = 1, g = dKL/dy / 4 (scikit-learn's {@code _kl_divergence} returns dKL/dy
 * itself).
 *
 * <p>Rows are split over threads whole: each row's sums run over all j in index order in one
 * thread, and the rows' partial sums are combined in index order, so results do not depend on the
 * thread count. Java never fuses or reorders floating-point operations on its own and the logs are
 * {@link StrictMath}'s, so for dof = 1 the numbers are also the same on every JVM and processor;
 * other dof use the faster {@link Math#pow}, which is reproducible on one JVM and processor. Not
 * thread-safe; {@link #close()} it to stop its threads.
 */
public final class TsneObjective implements AutoCloseable {
  private final JointProbabilities p;
  private final double dof;
  private final double sumP;
  private final int n;
  private final ParallelRows rows;
  private final double[] rowZ;
  private final double[] rowKl;

  /** Rows per block in the 2-D Cauchy kernel: its five block arrays stay in the L1 cache. */
  private static final int KERNEL_ROWS = 128;

  /** Per worker: five arrays of max(n, KERNEL_ROWS) doubles for the pair terms. */
  private final double[][][] scratch;

  private double[][] repulsion = new double[0][];
  private double[][] attraction = new double[0][];

  /** The objective for affinities {@code p} and kernel degrees of freedom {@code dof}. */
  public TsneObjective(JointProbabilities p, double dof, int threads) {
    if (!(dof > 0)) {
      throw new IllegalArgumentException("dof must be > 0, got " + dof);
    }
    this.p = p;
    this.dof = dof;
    this.sumP = p.sum();
    this.n = p.size();
    this.rows = new ParallelRows(threads);
    this.rowZ = new double[n];
    this.rowKl = new double[n];
    this.scratch = new double[rows.threads()][5][Math.max(n, KERNEL_ROWS)];
  }

  /** KL(P || Q) at the layout {@code y} (one row per point). */
  public double klDivergence(double[][] y) {
    return evaluate(columns(y), 1, null, true);
  }

  /**
   * openTSNE's gradient at {@code y} (one row per point) with attraction scaled by {@code
   * exaggeration}.
   */
  public double[][] gradient(double[][] y, double exaggeration) {
    double[][] c = columns(y);
    double[][] g = new double[c.length][n];
    evaluate(c, exaggeration, g, false);
    return rowsOf(g);
  }

  /**
   * Evaluates the objective at {@code y}, given by coordinate ({@code y[d][i]}), writing the
   * gradient into {@code gradient} (same shape) unless it is null, and returning the KL divergence
   * if {@code withKl} (else NaN). The KL always uses the unexaggerated P.
   */
  double evaluate(double[][] y, double exaggeration, double[][] gradient, boolean withKl) {
    int dims = y.length;
    if (y[0].length != n) {
      throw new IllegalArgumentException("layout has " + y[0].length + " points, P has " + n);
    }
    if (repulsion.length != dims) {
      repulsion = new double[dims][n];
      attraction = new double[dims][n];
    }
    boolean cauchy2d = dims == 2 && dof == 1;
    rows.forEach(
        n,
        KERNEL_ROWS,
        (from, to, worker) -> {
          double[][] s = scratch[worker];
          if (cauchy2d) {
            repelCauchy2d(y, from, to, s);
          }
          for (int i = from; i < to; i++) {
            if (!cauchy2d) {
              rowZ[i] = repel(y, i, s);
            }
            rowKl[i] = attract(y, i, exaggeration, withKl);
          }
        });
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += rowZ[i];
    }
    if (gradient != null) {
      for (int d = 0; d < dims; d++) {
        for (int i = 0; i < n; i++) {
          gradient[d][i] = attraction[d][i] - repulsion[d][i] / z;
        }
      }
    }
    if (!withKl) {
      return Double.NaN;
    }
    // sum p log(p / q) = sum p log(p / w) + (sum p) log Z.
    double kl = 0;
    for (int i = 0; i < n; i++) {
      kl += rowKl[i];
    }
    return kl + sumP * StrictMath.log(z);
  }

  /**
   * The repulsion on points {@code [from, to)} for dof = 1 in 2-D, the case that matters for speed,
   * and their Z_i = sum_j w_ij. The loop runs over j outside and over the block's points inside, so
   * each point's sums are element-wise updates of block arrays, which the JIT vectorises; each
   * point still adds its terms up one j at a time in index order, so the result does not depend on
   * the blocks. The point's own term (j = i) adds exactly 1 to Z_i and 0 to the forces; the 1 is
   * taken off at the end.
   */
  private void repelCauchy2d(double[][] y, int from, int to, double[][] s) {
    int m = to - from;
    double[] own0 = s[0];
    double[] own1 = s[1];
    double[] z = s[2];
    double[] f0 = s[3];
    double[] f1 = s[4];
    System.arraycopy(y[0], from, own0, 0, m);
    System.arraycopy(y[1], from, own1, 0, m);
    Arrays.fill(z, 0, m, 0.0);
    Arrays.fill(f0, 0, m, 0.0);
    Arrays.fill(f1, 0, m, 0.0);
    double[] y0 = y[0];
    double[] y1 = y[1];
    for (int j = 0; j < n; j++) {
      double yj0 = y0[j];
      double yj1 = y1[j];
      for (int r = 0; r < m; r++) {
        double d0 = own0[r] - yj0;
        double d1 = own1[r] - yj1;
        double w = 1.0 / (1.0 + d0 * d0 + d1 * d1);
        double w2 = w * w;
        z[r] += w;
        f0[r] += w2 * d0;
        f1[r] += w2 * d1;
      }
    }
    for (int r = 0; r < m; r++) {
      rowZ[from + r] = z[r] - 1.0;
      repulsion[0][from + r] = f0[r];
      repulsion[1][from + r] = f1[r];
    }
  }

  /** The repulsion on point i for any dimension and dof; returns Z_i = sum_j w_ij. */
  private double repel(double[][] y, int i, double[][] s) {
    int dims = y.length;
    double[] w = s[0];
    double[] wb = s[1];
    // w holds the squared distances first, then the kernel; wb the repulsion weight w * b.
    for (int j = 0; j < n; j++) {
      w[j] = 0;
    }
    for (int d = 0; d < dims; d++) {
      double[] yd = y[d];
      double yid = yd[i];
      for (int j = 0; j < n; j++) {
        double diff = yid - yd[j];
        w[j] += diff * diff;
      }
    }
    for (int j = 0; j < n; j++) {
      double b = 1.0 / (1.0 + w[j] / dof);
      double wj = dof == 1 ? b : Math.pow(b, dof);
      w[j] = wj;
      wb[j] = wj * b;
    }
    w[i] = 0;
    wb[i] = 0;
    for (int d = 0; d < dims; d++) {
      double[] yd = y[d];
      double yid = yd[i];
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        a0 += wb[j] * (yid - yd[j]);
        a1 += wb[j + 1] * (yid - yd[j + 1]);
        a2 += wb[j + 2] * (yid - yd[j + 2]);
        a3 += wb[j + 3] * (yid - yd[j + 3]);
      }
      for (; j < n; j++) {
        a0 += wb[j] * (yid - yd[j]);
      }
      repulsion[d][i] = (a0 + a1) + (a2 + a3);
    }
    return sum(w);
  }

  /**
   * The attraction on point i over its stored p_ij, scaled by the exaggeration; returns sum_j p_ij
   * log(p_ij / w_ij) if {@code withKl} (the KL's share of row i before log Z).
   */
  private double attract(double[][] y, int i, double exaggeration, boolean withKl) {
    int dims = y.length;
    int[] start = p.rowStart();
    int[] col = p.columns();
    double[] val = p.values();
    double kl = 0;
    for (int d = 0; d < dims; d++) {
      attraction[d][i] = 0;
    }
    for (int e = start[i]; e < start[i + 1]; e++) {
      int j = col[e];
      double d2 = 0;
      for (int d = 0; d < dims; d++) {
        double diff = y[d][i] - y[d][j];
        d2 += diff * diff;
      }
      double b = 1.0 / (1.0 + d2 / dof);
      double pull = exaggeration * val[e] * b;
      for (int d = 0; d < dims; d++) {
        attraction[d][i] += pull * (y[d][i] - y[d][j]);
      }
      if (withKl && val[e] > 0) {
        double w = dof == 1 ? b : Math.pow(b, dof);
        kl += val[e] * StrictMath.log(val[e] / w);
      }
    }
    return kl;
  }

  /**
   * The sum of {@code a} in a fixed order: four interleaved partial sums (for speed), then
   * combined.
   */
  private static double sum(double[] a) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    int end = a.length;
    for (; j + 3 < end; j += 4) {
      s0 += a[j];
      s1 += a[j + 1];
      s2 += a[j + 2];
      s3 += a[j + 3];
    }
    for (; j < end; j++) {
      s0 += a[j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Points-by-row to coordinates-by-row ({@code [dims][n]}). */
  static double[][] columns(double[][] y) {
    int dims = y[0].length;
    double[][] c = new double[dims][y.length];
    for (int i = 0; i < y.length; i++) {
      for (int d = 0; d < dims; d++) {
        c[d][i] = y[i][d];
      }
    }
    return c;
  }

  /** Coordinates-by-row back to points-by-row ({@code [n][dims]}). */
  static double[][] rowsOf(double[][] c) {
    double[][] y = new double[c[0].length][c.length];
    for (int i = 0; i < y.length; i++) {
      for (int d = 0; d < c.length; d++) {
        y[i][d] = c[d][i];
      }
    }
    return y;
  }

  @Override
  public void close() {
    rows.close();
  }
}
