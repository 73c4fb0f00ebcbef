package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.nn.Constants;

/**
 * Adam as {@code torch.optim.Adam} computes it: {@code m = b1 m + (1-b1) g}, {@code v = b2 v +
 * (1-b2) g^2}, {@code p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps)} with {@code bc_i = 1 -
 * b_i^(t+1)}, in place. The gradients serve as scratch space.
 *
 * <p>Two ways to the same update, chosen by the number of parameters:
 *
 * <ul>
 *   <li>Below {@value #EXPLICIT_FROM} parameters, the engine's fused {@code adamUpdate}: one call,
 *       where the explicit form's twenty calls would cost more than the arithmetic (the logistic
 *       step: 0.2 ms). The engine computes {@code 1 - b} in float, so its moments ({@link
 *       #state()}) are torch's times {@code k1 = (1 - (float) b1) / (float) (1 - b1)} and {@code
 *       k2} likewise (within 1.3e-5 of 1); the step size and epsilon passed to it make its step
 *       torch's.
 *   <li>From {@value #EXPLICIT_FROM} on, the engine's elementwise operations in place, with torch's
 *       moments. The fused call clones the gradient, makes four temporaries and takes its square
 *       root with MKL's vector {@code sqrt}, whose path for zeros is ten times slower than for
 *       other values; every {@code v} of a gradient that has always been zero (a dead ReLU unit, a
 *       pruned weight's input) is one. With half of them zero its update of 275,000 parameters took
 *       1.5 ms, this one 0.5 ms. The root is taken of {@code v + 2^-126} (the smallest normal
 *       float): that moves {@code sqrt(v)} by at most 1e-19, far below the float rounding of {@code
 *       eps}, so the step is unchanged.
 * </ul>
 */
public final class FusedAdam implements FusedOptimizer {
  /** Parameter count from which the update runs as explicit operations. */
  static final long EXPLICIT_FROM = 1 << 15;

  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final NDManager manager;
  private final double k1;
  private final double sqrtK2;
  private NDList m;
  private NDList v;
  // 0-d constants of the parameters' type, made once (no Java numbers in NDArray arithmetic, see
  // nn.Constants)
  private NDArray decay1;
  private NDArray rate1;
  private NDArray decay2;
  private NDArray squareRate;
  private NDArray tiny;

  /** Adam with PyTorch's betas (0.9, 0.999) and eps 1e-8; state lives on {@code manager}. */
  public FusedAdam(NDManager manager, double lr) {
    this(manager, lr, 0.9, 0.999, 1e-8);
  }

  public FusedAdam(NDManager manager, double lr, double beta1, double beta2, double eps) {
    this.manager = manager;
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.k1 = floatComplement(beta1);
    this.sqrtK2 = Math.sqrt(floatComplement(beta2));
  }

  /**
   * How far the engine's float {@code 1 - b} is from torch's (float) {@code (1 - b)}, as a ratio.
   */
  private static double floatComplement(double b) {
    return (double) (1f - (float) b) / (float) (1 - b);
  }

  /** Whether parameters of {@code count} scalars are updated by explicit operations. */
  static boolean explicit(long count) {
    return count >= EXPLICIT_FROM;
  }

  @Override
  public void update(NDList params, NDList grads, int t) {
    if (m == null) {
      m = new NDList();
      v = new NDList();
      for (NDArray p : params) {
        m.add(manager.zeros(p.getShape(), p.getDataType()));
        v.add(manager.zeros(p.getShape(), p.getDataType()));
      }
    }
    long count = 0;
    for (NDArray p : params) {
      count += p.size();
    }
    double bc1 = 1 - Math.pow(beta1, t + 1);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t + 1));
    if (explicit(count)) {
      explicitUpdate(params, grads, bc1, sqrtBc2);
    } else {
      fusedUpdate(params, grads, bc1, sqrtBc2);
    }
  }

  private void fusedUpdate(NDList params, NDList grads, double bc1, double sqrtBc2) {
    // The engine computes m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2 and p -= a m / (sqrt(v) +
    // e), with 1 - b computed in float: its m and v are torch's times k1 and k2. Torch's step (lr /
    // bc1) m / (sqrt(v) / sqrt(bc2) + eps) is then exactly a = lr sqrt(bc2) sqrt(k2) / (bc1 k1)
    // and e = eps sqrt(bc2) sqrt(k2).
    float stepSize = (float) (lr * sqrtBc2 * sqrtK2 / (bc1 * k1));
    float epsilon = (float) (eps * sqrtBc2 * sqrtK2);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      p.getNDArrayInternal()
          .adamUpdate(
              new NDList(p, grads.get(i), m.get(i), v.get(i)),
              new NDList(p),
              (float) lr,
              stepSize,
              0f,
              1f,
              -1f,
              (float) beta1,
              (float) beta2,
              epsilon,
              false,
              false);
    }
  }

  private void explicitUpdate(NDList params, NDList grads, double bc1, double sqrtBc2) {
    DataType type = params.get(0).getDataType();
    if (decay1 == null) {
      constants(type);
    }
    // autograd off whatever this thread's grad mode (a notebook kernel may step from any thread):
    // the parameters are leaves that require gradients
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    // torch's (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps), multiplied through by sqrt(bc2); made
    // afresh each step (writing into a kept array makes the engine print a deprecation warning)
    try (NDArray stepSize = factor(lr * sqrtBc2 / bc1, type);
        NDArray epsilon = factor(eps * sqrtBc2, type)) {
      for (int i = 0; i < params.size(); i++) {
        NDArray p = params.get(i);
        NDArray g = grads.get(i);
        NDArray mi = m.get(i);
        NDArray vi = v.get(i);
        mi.muli(decay1);
        g.muli(rate1); // g is scratch from here: (1 - b1) g
        mi.addi(g);
        vi.muli(decay2);
        g.muli(g).muli(squareRate); // (1 - b2) g^2
        vi.addi(g);
        try (NDArray shifted = vi.add(tiny);
            NDArray root = shifted.sqrt();
            NDArray step = mi.div(root.addi(epsilon))) {
          p.subi(step.muli(stepSize));
        }
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /**
   * A 0-d array of {@code value}: made by the engine in one call for float32 (a step's factors on
   * small models cost as much as the arithmetic), through {@link Constants} for other types.
   */
  private NDArray factor(double value, DataType type) {
    return type == DataType.FLOAT32
        ? manager.full(new Shape(), (float) value, type)
        : Constants.scalar(manager, value, type);
  }

  /** The fixed factors as 0-d arrays of the parameters' type, on this manager. */
  private void constants(DataType type) {
    // torch passes 1 - b (a double) to kernels that compute in the tensor's type
    double c1 = type == DataType.FLOAT64 ? 1 - beta1 : (float) (1 - beta1);
    double c2 = type == DataType.FLOAT64 ? 1 - beta2 : (float) (1 - beta2);
    decay1 = Constants.scalar(manager, beta1, type);
    rate1 = Constants.scalar(manager, c1, type);
    decay2 = Constants.scalar(manager, beta2, type);
    squareRate = Constants.scalar(manager, c2 / (c1 * c1), type); // (c1 g)^2 c2 / c1^2
    tiny =
        Constants.scalar(
            manager, type == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL, type);
  }

  @Override
  public NDList state() {
    NDList s = new NDList();
    if (m != null) {
      s.addAll(m);
      s.addAll(v);
    }
    return s;
  }

  @Override
  public void restore(NDList state) {
    if (state.isEmpty()) {
      return;
    }
    int n = state.size() / 2;
    m = new NDList(state.subList(0, n));
    v = new NDList(state.subList(n, 2 * n));
    m.attach(manager);
    v.attach(manager);
  }

  @Override
  public List<String> stateNames(List<String> parameterNames) {
    List<String> names = new ArrayList<>();
    parameterNames.forEach(n -> names.add("adam.m." + n));
    parameterNames.forEach(n -> names.add("adam.v." + n));
    return names;
  }
}
