package org.mnist1d.workbench.metagrad;

/**
 * The metalearning inner loop written again in plain Java doubles, from the published description
 * and sharing no code with the engine: an MLP {@code D-H-10} whose hidden layer is {@code act(z) +
 * u}, mean cross-entropy, its gradient by hand-written backpropagation, and the inner update (plain
 * SGD, or the published RMSProp-like rule {@code s <- 0.4 s + 0.6 g^2} from {@code s = 1}, {@code
 * theta <- theta - lr g / (sqrt(s) + 1e-8)}). Batches are taken in order ({@code start = t B mod
 * n}); the meta-loss is the mean of the last {@code window} losses, each taken before its step's
 * update. The activation is tanh, or the learned {@code elu(z) + 0.2 g(z)} with {@code g(z) = w2 .
 * (tanh(w1 z + b1) + v) + b2} and hyperparameters {@code [w1 (G), b1 (G), w2 (G), b2]}.
 *
 * <p>Finite differences of {@link #metaLoss} are the independent truth for the engine's
 * metagradients at the experiments' sizes.
 */
public final class PlainInnerLoop {
  /** The inner update rule. */
  public enum Rule {
    SGD,
    RMSPROP
  }

  private final double[][] x;
  private final int[] y;
  private final int hidden;
  private final int batch;
  private final int steps;
  private final int window;
  private final Rule rule;
  private final double[][] hiddenNoise;
  private final double[][] activationNoise;
  private final int classes = 10;
  private final int inputs;

  /**
   * @param hiddenNoise per step, the row {@code u} (H values), or null for none
   * @param activationNoise per step, the row {@code v} (G values) of the learned activation, or
   *     null for a tanh learner
   */
  public PlainInnerLoop(
      double[][] x,
      int[] y,
      int hidden,
      int batch,
      int steps,
      int window,
      Rule rule,
      double[][] hiddenNoise,
      double[][] activationNoise) {
    this.x = x;
    this.y = y;
    this.inputs = x[0].length;
    this.hidden = hidden;
    this.batch = batch;
    this.steps = steps;
    this.window = window;
    this.rule = rule;
    this.hiddenNoise = hiddenNoise;
    this.activationNoise = activationNoise;
  }

  /** The meta-loss of the loop from {@code theta0} at learning rate {@code lr}. */
  public double metaLoss(double[] theta0, double lr, double[] activation) {
    double[] theta = theta0.clone();
    double[] s = new double[theta.length];
    java.util.Arrays.fill(s, 1.0);
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      double[] grad = new double[theta.length];
      double loss = lossAndGradient(theta, t, activation, grad);
      if (t >= steps - window) {
        sum += loss;
      }
      for (int i = 0; i < theta.length; i++) {
        if (rule == Rule.SGD) {
          theta[i] -= lr * grad[i];
        } else {
          s[i] = 0.4 * s[i] + 0.6 * grad[i] * grad[i];
          theta[i] -= lr * grad[i] / (Math.sqrt(s[i]) + 1e-8);
        }
      }
    }
    return sum / window;
  }

  /** Step {@code t}'s mean cross-entropy; its gradient with respect to theta goes into grad. */
  public double lossAndGradient(double[] theta, int t, double[] activation, double[] grad) {
    int n = x.length;
    int start = (int) ((long) t * batch % n);
    int b = Math.min(start + batch, n) - start;
    int w1 = 0;
    int b1 = hidden * inputs;
    int w2 = b1 + hidden;
    int b2 = w2 + classes * hidden;
    double[] u = hiddenNoise == null ? null : hiddenNoise[t];
    double[] v = activationNoise == null ? null : activationNoise[t];
    double loss = 0;
    for (int r = 0; r < b; r++) {
      double[] xr = x[start + r];
      double[] h = new double[hidden];
      double[] slope = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double z = theta[b1 + j];
        for (int i = 0; i < inputs; i++) {
          z += theta[w1 + j * inputs + i] * xr[i];
        }
        double[] as = activate(z, activation, v);
        h[j] = as[0] + (u == null ? 0 : u[j]);
        slope[j] = as[1];
      }
      double[] logits = new double[classes];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        double l = theta[b2 + k];
        for (int j = 0; j < hidden; j++) {
          l += theta[w2 + k * hidden + j] * h[j];
        }
        logits[k] = l;
        max = Math.max(max, l);
      }
      double norm = 0;
      for (int k = 0; k < classes; k++) {
        norm += Math.exp(logits[k] - max);
      }
      double logNorm = max + Math.log(norm);
      loss += (logNorm - logits[y[start + r]]) / b;
      double[] dh = new double[hidden];
      for (int k = 0; k < classes; k++) {
        double d = (Math.exp(logits[k] - logNorm) - (k == y[start + r] ? 1 : 0)) / b;
        grad[b2 + k] += d;
        for (int j = 0; j < hidden; j++) {
          grad[w2 + k * hidden + j] += d * h[j];
          dh[j] += d * theta[w2 + k * hidden + j];
        }
      }
      for (int j = 0; j < hidden; j++) {
        double dz = dh[j] * slope[j];
        grad[b1 + j] += dz;
        for (int i = 0; i < inputs; i++) {
          grad[w1 + j * inputs + i] += dz * xr[i];
        }
      }
    }
    return loss;
  }

  /**
   * tanh through {@code exp} (which the JIT compiles to a fast intrinsic, unlike {@code Math.tanh}
   * on JDK 17): within 3e-16 of it, far below what the finite differences resolve.
   */
  static double tanh(double z) {
    if (Math.abs(z) > 20) {
      return Math.signum(z);
    }
    double e = Math.exp(2 * z);
    return (e - 1) / (e + 1);
  }

  /** {@code [act(z), act'(z)]}: tanh when {@code activation} is null, else the learned one. */
  private static double[] activate(double z, double[] activation, double[] v) {
    if (activation == null) {
      double a = tanh(z);
      return new double[] {a, 1 - a * a};
    }
    int g = (activation.length - 1) / 3;
    double value = activation[3 * g];
    double slope = 0;
    for (int k = 0; k < g; k++) {
      double w1 = activation[k];
      double w2 = activation[2 * g + k];
      double a = tanh(w1 * z + activation[g + k]);
      value += w2 * (a + v[k]);
      slope += w2 * w1 * (1 - a * a);
    }
    double elu = z > 0 ? z : Math.expm1(z);
    double eluSlope = z > 0 ? 1 : Math.exp(z);
    return new double[] {elu + 0.2 * value, eluSlope + 0.2 * slope};
  }
}
