package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD, optionally with momentum, as {@code torch.optim.SGD} (no dampening, no Nesterov): {@code p
 * -= lr g}, or {@code v = mu v + g; p -= lr v} with {@code v = g} at the first step. One fused
 * engine call per parameter.
 *
 * <p>The engine keeps the momentum buffer scaled by the learning rate ({@code b = mu b + lr g; p -=
 * b}), which is {@code lr v} exactly in real arithmetic and to float rounding in practice; {@link
 * #state()} holds that {@code b} (named {@code sgd.momentum.NAME} in checkpoints).
 */
public final class FusedSgd implements FusedOptimizer {
  private final float lr;
  private final float momentum;
  private final NDManager manager;
  private NDList buffers;

  /** Plain SGD (no state). */
  public FusedSgd(double lr) {
    this(null, lr, 0);
  }

  /**
   * SGD with momentum {@code mu} in [0, 1); its buffers live on {@code manager} (may be null when
   * {@code mu} is 0).
   */
  public FusedSgd(NDManager manager, double lr, double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (momentum > 0 && manager == null) {
      throw new IllegalArgumentException("momentum needs a manager for its buffers");
    }
    this.manager = manager;
    this.lr = (float) lr;
    this.momentum = (float) momentum;
  }

  @Override
  public void update(NDList params, NDList grads, int t) {
    if (momentum > 0 && buffers == null) {
      buffers = new NDList();
      for (NDArray p : params) {
        buffers.add(manager.zeros(p.getShape(), p.getDataType()));
      }
    }
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      // the engine's update: no weight decay, no rescaling, no clipping (-1); without momentum the
      // third input is not read
      NDArray state = momentum > 0 ? buffers.get(i) : p;
      p.getNDArrayInternal()
          .sgdUpdate(
              new NDList(p, grads.get(i), state), new NDList(p), lr, 0f, 1f, -1f, momentum, false);
    }
  }

  @Override
  public NDList state() {
    NDList copies = new NDList();
    if (buffers != null) {
      buffers.forEach(b -> copies.add(b.duplicate()));
    }
    return copies;
  }

  @Override
  public void restore(NDList state, DataType type) {
    if (state.isEmpty()) {
      return;
    }
    NDList restored = new NDList();
    state.forEach(b -> restored.add(b.toType(type, true)));
    restored.attach(manager);
    if (buffers != null) {
      buffers.close();
    }
    buffers = restored;
  }

  @Override
  public List<String> stateNames(List<String> parameterNames) {
    if (momentum == 0) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    parameterNames.forEach(n -> names.add("sgd.momentum." + n));
    return names;
  }
}
