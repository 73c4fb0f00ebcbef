package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * A model whose parameters are multiplied by fixed 0/1 masks, one per parameter tensor (weights and
 * biases alike), before every forward: {@code forward(p, x) = inner.forward(mask * p, x)}. Its
 * autograd gradient is therefore {@code mask * (gradient at the masked point)}, zero for every
 * pruned entry. The masks belong to the caller and must live on the parameters' device and type.
 */
public final class MaskedModel implements Model {
  private final Model inner;
  private final NDList masks;

  /** {@code inner} with {@code masks} in the order and shapes of its parameters. */
  public MaskedModel(Model inner, NDList masks) {
    if (masks.size() != inner.parameters().size()) {
      throw new IllegalArgumentException(
          "expected " + inner.parameters().size() + " masks, got " + masks.size());
    }
    for (int i = 0; i < masks.size(); i++) {
      if (!masks.get(i).getShape().equals(inner.parameters().get(i).shape())) {
        throw new IllegalArgumentException(
            "mask "
                + i
                + " has shape "
                + masks.get(i).getShape()
                + ", parameter "
                + inner.parameters().get(i).name()
                + " has "
                + inner.parameters().get(i).shape());
      }
    }
    this.inner = inner;
    this.masks = masks;
  }

  @Override
  public String name() {
    return "masked-" + inner.name();
  }

  @Override
  public List<ParameterSpec> parameters() {
    return inner.parameters();
  }

  @Override
  public NDArray forward(NDList params, NDArray x) {
    NDList masked = new NDList(params.size());
    for (int i = 0; i < params.size(); i++) {
      masked.add(params.get(i).mul(masks.get(i)));
    }
    return inner.forward(masked, x);
  }
}
