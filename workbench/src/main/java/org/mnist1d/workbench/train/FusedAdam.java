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
 *       where the explicit form's calls would cost more than the arithmetic (the logistic step: 0.2
 *       ms). The engine computes {@code 1 - b} in float, so its moments are torch's times {@code k1
 *       = (1 - (float) b1) / (float) (1 - b1)} and {@code k2} likewise (within 1.3e-5 of 1); the
 *       step size and epsilon passed to it make its step torch's.
 *   <li>From {@value #EXPLICIT_FROM} on, the engine's elementwise operations in place, ten passes
 *       over the parameters. The moments are kept as {@code M = m / (1-b1)} and {@code V = v /
 *       (1-b2)}, so that the gradient enters them unscaled, and torch's step is then {@code M / (a
 *       sqrt(V) + e)} with per-step factors {@code a} and {@code e}. The fused call would clone the
 *       gradient, make four temporaries and take its square root with MKL's vector {@code sqrt},
 *       whose path for zeros is ten times slower than for other values; every {@code v} of a
 *       gradient that has always been zero (a dead ReLU unit, a pruned weight's input) is one. So
 *       {@code V} starts at 2^-100 (2^-200 in float64; {@link #floor}) instead of zero: that moves
 *       {@code sqrt(v)} by at most 3e-17, 1e-7 of the smallest denominator torch can have ({@code
 *       eps sqrt(bc2)} at the first step) and far less after it. It decays with {@code b2} and
 *       stays a normal float for 18,000 steps (float32); after that only the speed suffers.
 * </ul>
 *
 * <p>{@link #state()} gives torch's {@code m} and {@code v} either way (in the fused form, times
 * {@code k1} and {@code k2}; in the written-out form, {@code v} with its decayed floor), in float64
 * so that {@link #restore} gets back exactly what was kept.
 */
public final class FusedAdam implements FusedOptimizer {
  /** Parameter count from which the update runs as explicit operations. */
  static final long EXPLICIT_FROM = 1 << 15;

  /** The explicit form's {@code V} starts at 2 to this power (float32; 2^-200 in float64). */
  static final int FLOOR_LOG2_FLOAT32 = -100;

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
  private NDArray decay2;
  // the explicit form's M = m / c1 and V = v / c2: torch's complements 1 - b, as its kernels see
  // them
  private double c1;
  private double c2;
  private boolean scaled;

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
      start(params);
    }
    double bc1 = 1 - Math.pow(beta1, t + 1);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t + 1));
    if (scaled) {
      explicitUpdate(params, grads, bc1, sqrtBc2);
    } else {
      fusedUpdate(params, grads, bc1, sqrtBc2);
    }
  }

  /** Zero moments for {@code params} ({@code V} at its floor in the explicit form). */
  private void start(NDList params) {
    DataType type = params.get(0).getDataType();
    choose(params, type);
    m = new NDList();
    v = new NDList();
    try (NDManager scope = manager.newSubManager()) {
      NDArray start = Constants.scalar(scope, floor(type), type);
      for (NDArray p : params) {
        m.add(manager.zeros(p.getShape(), type));
        NDArray vi = manager.zeros(p.getShape(), type);
        v.add(scaled ? vi.addi(start) : vi);
      }
    }
  }

  /**
   * Chooses the form for moments shaped like {@code arrays}, of the parameters' {@code type}: the
   * explicit one (with its constants) from {@value #EXPLICIT_FROM} scalars on.
   */
  private void choose(List<NDArray> arrays, DataType type) {
    long count = 0;
    for (NDArray a : arrays) {
      count += a.size();
    }
    scaled = explicit(count);
    if (scaled && decay1 == null) {
      constants(type);
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
    // autograd off whatever this thread's grad mode (a notebook kernel may step from any thread):
    // the parameters are leaves that require gradients
    boolean gradMode = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    // torch's (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps) is M / (a sqrt(V) + e); the factors are
    // made afresh each step (writing into a kept array makes the engine print a deprecation
    // warning)
    double stepSize = lr * c1 / bc1;
    try (NDArray a = factor(Math.sqrt(c2) / sqrtBc2 / stepSize, type);
        NDArray e = factor(eps / stepSize, type)) {
      for (int i = 0; i < params.size(); i++) {
        NDArray g = grads.get(i);
        m.get(i).muli(decay1).addi(g);
        NDArray vi = v.get(i).muli(decay2);
        vi.addi(g.muli(g)); // g is scratch from here
        if (lr == 0) {
          continue; // a and e would be infinite; the parameters stay
        }
        try (NDArray denominator = vi.sqrt();
            NDArray step = m.get(i).div(denominator.muli(a).addi(e))) {
          params.get(i).subi(step);
        }
      }
    } finally {
      JniUtils.setGradMode(gradMode);
    }
  }

  /** Where the explicit form's {@code V} starts: a power of two far below any step's reach. */
  static double floor(DataType type) {
    return Math.scalb(1.0, type == DataType.FLOAT64 ? 2 * FLOOR_LOG2_FLOAT32 : FLOOR_LOG2_FLOAT32);
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
    c1 = type == DataType.FLOAT64 ? 1 - beta1 : (float) (1 - beta1);
    c2 = type == DataType.FLOAT64 ? 1 - beta2 : (float) (1 - beta2);
    decay1 = Constants.scalar(manager, beta1, type);
    decay2 = Constants.scalar(manager, beta2, type);
  }

  /**
   * {@inheritDoc} In float64: the explicit form's {@code M (1-b1)} and {@code V (1-b2)} are exact
   * there (two float32 factors), so {@link #restore} gets back the very floats it kept.
   */
  @Override
  public NDList state() {
    NDList s = new NDList();
    if (m == null) {
      return s;
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray toM = Constants.scalar(scope, scaled ? c1 : 1, DataType.FLOAT64);
      NDArray toV = Constants.scalar(scope, scaled ? c2 : 1, DataType.FLOAT64);
      for (NDArray mi : m) {
        s.add(wide(mi, scope).mul(toM));
      }
      for (NDArray vi : v) {
        s.add(wide(vi, scope).mul(toV));
      }
      s.attach(manager);
    }
    return s;
  }

  /** A float64 copy of {@code a} on {@code scope}. */
  private static NDArray wide(NDArray a, NDManager scope) {
    NDArray copy = a.toType(DataType.FLOAT64, true);
    copy.attach(scope);
    return copy;
  }

  /**
   * {@inheritDoc} The explicit form divides by {@code 1 - b} in float64 before rounding to {@code
   * type}, and puts {@code V}'s floor where a moment is exactly zero (a checkpoint from before the
   * floor); elsewhere the restored moments are the saved ones.
   */
  @Override
  public void restore(NDList state, DataType type) {
    if (state.isEmpty()) {
      return;
    }
    int n = state.size() / 2;
    choose(state.subList(0, n), type);
    NDList restoredM = new NDList();
    NDList restoredV = new NDList();
    try (NDManager scope = manager.newSubManager()) {
      NDArray fromM = Constants.scalar(scope, scaled ? c1 : 1, DataType.FLOAT64);
      NDArray fromV = Constants.scalar(scope, scaled ? c2 : 1, DataType.FLOAT64);
      NDArray start = Constants.scalar(scope, floor(type), type);
      NDArray zero = Constants.scalar(scope, 0, type);
      for (int i = 0; i < n; i++) {
        restoredM.add(narrow(wide(state.get(i), scope).div(fromM), type));
        NDArray vi = narrow(wide(state.get(n + i), scope).div(fromV), type);
        if (scaled) { // + floor where zero, + 0 (exact) elsewhere
          vi.addi(vi.eq(zero).toType(type, false).muli(start));
        }
        restoredV.add(vi);
      }
      restoredM.attach(manager);
      restoredV.attach(manager);
    }
    if (m != null) {
      m.close();
      v.close();
    }
    m = restoredM;
    v = restoredV;
  }

  /** {@code a} as {@code type}, a new array. */
  private static NDArray narrow(NDArray a, DataType type) {
    return a.toType(type, true);
  }

  @Override
  public List<String> stateNames(List<String> parameterNames) {
    List<String> names = new ArrayList<>();
    parameterNames.forEach(n -> names.add("adam.m." + n));
    parameterNames.forEach(n -> names.add("adam.v." + n));
    return names;
  }
}
