package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/** Plain SGD: {@code p -= lr g}, one fused engine call per parameter. */
public final class FusedSgd implements FusedOptimizer {
  private final float lr;

  public FusedSgd(double lr) {
    this.lr = (float) lr;
  }

  @Override
  public void update(NDList params, NDList grads, int t) {
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      // the engine's update: no weight decay, no rescaling, no clipping (-1), no momentum; the
      // third input is a momentum buffer it does not read without momentum
      p.getNDArrayInternal()
          .sgdUpdate(new NDList(p, grads.get(i), p), new NDList(p), lr, 0f, 1f, -1f, 0f, false);
    }
  }

  @Override
  public NDList state() {
    return new NDList();
  }

  @Override
  public void restore(NDList state) {}

  @Override
  public List<String> stateNames(List<String> parameterNames) {
    return List.of();
  }
}
