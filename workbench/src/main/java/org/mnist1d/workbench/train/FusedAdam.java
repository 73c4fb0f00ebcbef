package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as {@code torch.optim.Adam} computes it: {@code m = b1 m + (1-b1) g}, {@code v = b2 v +
 * (1-b2) g^2}, {@code p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps)} with {@code bc_i = 1 -
 * b_i^(t+1)}, updating the parameters in place with the engine's fused Adam. Its moment buffers
 * ({@link #state()}) are torch's up to a constant factor within 1e-5 of 1.
 */
public final class FusedAdam implements FusedOptimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final NDManager manager;
  private final double k1;
  private final double sqrtK2;
  private NDList m;
  private NDList v;

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
    double bc1 = 1 - Math.pow(beta1, t + 1);
    double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t + 1));
    // The engine's fused update computes m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2 and
    // p -= a m / (sqrt(v) + e), with 1 - b computed in float: its m and v are torch's times
    // k1 = (1 - (float) b1) / (float) (1 - b1) and k2 likewise (k2 - 1 is about -1.3e-5 for
    // 0.999). Torch's step (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps) is then exactly
    // a = lr sqrt(bc2) sqrt(k2) / (bc1 k1) and e = eps sqrt(bc2) sqrt(k2).
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

  /**
   * How far the engine's float {@code 1 - b} is from torch's (float) {@code (1 - b)}, as a ratio.
   */
  private static double floatComplement(double b) {
    return (double) (1f - (float) b) / (float) (1 - b);
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
