package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.mnist1d.workbench.nn.Constants;

/**
 * Adam as {@code torch.optim.Adam} computes it: {@code m = b1 m + (1-b1) g},
 * {@code v = b2 v + (1-b2) g^2}, {@code p -= (lr / bc1) m / (sqrt(v) / sqrt(bc2) + eps)} with
 * {@code bc_i = 1 - b_i^(t+1)}.
 */
public final class Adam implements Optimizer {
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final NDManager manager;
  private NDList m;
  private NDList v;
  private NDArray b1;
  private NDArray c1;
  private NDArray b2;
  private NDArray c2;
  private NDArray epsilon;

  /** Adam with PyTorch's betas (0.9, 0.999) and eps 1e-8; state lives on {@code manager}. */
  public Adam(NDManager manager, double lr) {
    this(manager, lr, 0.9, 0.999, 1e-8);
  }

  public Adam(NDManager manager, double lr, double beta1, double beta2, double eps) {
    this.manager = manager;
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  @Override
  public NDList step(NDList params, NDList grads, int t) {
    DataType type = params.get(0).getDataType();
    if (m == null) {
      m = new NDList();
      v = new NDList();
      for (NDArray p : params) {
        m.add(manager.zeros(p.getShape(), p.getDataType()));
        v.add(manager.zeros(p.getShape(), p.getDataType()));
      }
    }
    if (b1 == null) {
      // fixed constants, made once through nn.Constants (never Java numbers in NDArray arithmetic)
      b1 = Constants.scalar(manager, beta1, type);
      c1 = Constants.scalar(manager, 1 - beta1, type);
      b2 = Constants.scalar(manager, beta2, type);
      c2 = Constants.scalar(manager, 1 - beta2, type);
      epsilon = Constants.scalar(manager, eps, type);
    }
    double bc1 = 1 - Math.pow(beta1, t + 1);
    double bc2 = 1 - Math.pow(beta2, t + 1);
    // the bias corrections change every step: made on the step's manager, freed with it
    NDManager step = grads.get(0).getManager();
    NDArray stepSize = Constants.scalar(step, lr / bc1, type);
    NDArray sqrtBc2 = Constants.scalar(step, Math.sqrt(bc2), type);
    NDList out = new NDList();
    for (int i = 0; i < params.size(); i++) {
      NDArray g = grads.get(i);
      // the old moments end with this step: moving them to the step's manager frees them (and
      // the intermediates computed from them) when the step closes
      m.get(i).attach(step);
      v.get(i).attach(step);
      NDArray mi = g.mul(c1).add(m.get(i).mul(b1));
      NDArray vi = g.square().mul(c2).add(v.get(i).mul(b2));
      NDArray denom = vi.sqrt().div(sqrtBc2).add(epsilon);
      out.add(params.get(i).sub(mi.div(denom).mul(stepSize)));
      mi.attach(manager);
      vi.attach(manager);
      m.set(i, mi);
      v.set(i, vi);
    }
    return out;
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
}
