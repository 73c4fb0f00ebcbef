package org.mnist1d.workbench.train;

/**
 * Logistic (softmax) regression trained in plain Java doubles, sharing no code with the workbench:
 * mean cross-entropy, its gradient by hand, in-order mini-batches ({@code start = s B mod n},
 * shorter at the end), and {@code torch.optim}'s Adam or SGD update as torch documents it. The
 * independent truth for whole training runs of the {@code logistic} model.
 */
public final class PlainSoftmaxRegression {
  private static final int CLASSES = 10;
  private final double[][] x;
  private final int[] y;
  private final int batch;
  private final boolean adam;
  private final double lr;
  private final double[] w; // CLASSES x D, row-major, then the CLASSES biases
  private final double[] m;
  private final double[] v;
  private int step;

  /**
   * Training on {@code x, y} from the parameters {@code weight} (10 x D, row-major) and {@code
   * bias}.
   *
   * @param optimizer adam (betas 0.9, 0.999, eps 1e-8) or sgd
   */
  public PlainSoftmaxRegression(
      double[][] x,
      int[] y,
      int batch,
      String optimizer,
      double lr,
      double[] weight,
      double[] bias) {
    this.x = x;
    this.y = y;
    this.batch = batch;
    this.adam = optimizer.equals("adam");
    this.lr = lr;
    this.w = new double[weight.length + bias.length];
    System.arraycopy(weight, 0, w, 0, weight.length);
    System.arraycopy(bias, 0, w, weight.length, bias.length);
    this.m = new double[w.length];
    this.v = new double[w.length];
  }

  /** The number of updates made. */
  public int step() {
    return step;
  }

  /** The weight (10 x D, row-major). */
  public double[] weight() {
    return java.util.Arrays.copyOf(w, w.length - CLASSES);
  }

  /** The bias. */
  public double[] bias() {
    return java.util.Arrays.copyOfRange(w, w.length - CLASSES, w.length);
  }

  /** One update on the next in-order batch; returns the batch's loss before it. */
  public double update() {
    int n = x.length;
    int start = (int) ((long) step * batch % n);
    int end = Math.min(start + batch, n);
    double[] g = new double[w.length];
    double loss = lossAndAccuracy(x, y, start, end, g)[0];
    step++;
    double bc1 = 1 - Math.pow(0.9, step);
    double bc2 = 1 - Math.pow(0.999, step);
    for (int i = 0; i < w.length; i++) {
      if (adam) {
        m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
        v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
        w[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + 1e-8);
      } else {
        w[i] -= lr * g[i];
      }
    }
    return loss;
  }

  /**
   * {@code [mean cross-entropy, accuracy in percent]} on rows {@code [from, to)}; adds the loss's
   * gradient to {@code grad} when it is not null.
   */
  public double[] lossAndAccuracy(double[][] xs, int[] ys, int from, int to, double[] grad) {
    int d = xs[0].length;
    int b = to - from;
    double loss = 0;
    int correct = 0;
    for (int r = from; r < to; r++) {
      double[] logits = new double[CLASSES];
      int best = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < CLASSES; k++) {
        double l = w[CLASSES * d + k];
        for (int i = 0; i < d; i++) {
          l += w[k * d + i] * xs[r][i];
        }
        logits[k] = l;
        if (l > max) {
          max = l;
          best = k;
        }
      }
      correct += best == ys[r] ? 1 : 0;
      double norm = 0;
      for (double l : logits) {
        norm += Math.exp(l - max);
      }
      double logNorm = max + Math.log(norm);
      loss += (logNorm - logits[ys[r]]) / b;
      if (grad != null) {
        for (int k = 0; k < CLASSES; k++) {
          double dl = (Math.exp(logits[k] - logNorm) - (k == ys[r] ? 1 : 0)) / b;
          grad[CLASSES * d + k] += dl;
          for (int i = 0; i < d; i++) {
            grad[k * d + i] += dl * xs[r][i];
          }
        }
      }
    }
    return new double[] {loss, 100.0 * correct / b};
  }

  /**
   * The smallest gap between the two largest logits over rows {@code [from, to)}: where it is tiny,
   * float32 and float64 may pick different classes.
   */
  public double smallestMargin(double[][] xs, int from, int to) {
    int d = xs[0].length;
    double smallest = Double.POSITIVE_INFINITY;
    for (int r = from; r < to; r++) {
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < CLASSES; k++) {
        double l = w[CLASSES * d + k];
        for (int i = 0; i < d; i++) {
          l += w[k * d + i] * xs[r][i];
        }
        if (l > first) {
          second = first;
          first = l;
        } else if (l > second) {
          second = l;
        }
      }
      smallest = Math.min(smallest, first - second);
    }
    return smallest;
  }
}
