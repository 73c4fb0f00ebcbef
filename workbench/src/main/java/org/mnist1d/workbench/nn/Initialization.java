package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** PyTorch's default initialisation: every parameter uniform in {@code ±bound}, from a seed. */
public final class Initialization {
  private Initialization() {}

  /** Parameter values as flat double arrays, in the model's order; deterministic per seed. */
  public static List<double[]> values(Model model, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (ParameterSpec p : model.parameters()) {
      double[] v = new double[Math.toIntExact(p.shape().size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = p.initBound() * (2 * random.nextDouble() - 1);
      }
      out.add(v);
    }
    return out;
  }

  /** The values as NDArrays of the model's shapes on {@code manager}. */
  public static NDList arrays(
      Model model, List<double[]> values, NDManager manager, DataType type) {
    NDList out = new NDList();
    for (int i = 0; i < values.size(); i++) {
      out.add(ArrayValues.of(manager, values.get(i), model.parameters().get(i).shape(), type));
    }
    return out;
  }
}
