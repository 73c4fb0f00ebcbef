package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Constants;

/** Plain SGD: {@code p -= lr g}. */
public final class Sgd implements Optimizer {
  private final double lr;

  public Sgd(double lr) {
    this.lr = lr;
  }

  @Override
  public NDList step(NDList params, NDList grads, int t) {
    NDArray rate = Constants.scalar(grads.get(0).getManager(), lr, params.get(0).getDataType());
    NDList out = new NDList();
    for (int i = 0; i < params.size(); i++) {
      out.add(params.get(i).sub(grads.get(i).mul(rate)));
    }
    return out;
  }

  @Override
  public NDList state() {
    return new NDList();
  }

  @Override
  public void restore(NDList state) {}
}
