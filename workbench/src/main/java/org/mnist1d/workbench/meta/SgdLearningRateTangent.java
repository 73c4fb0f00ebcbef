package org.mnist1d.workbench.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Exact d(meta-loss)/d(lr) for plain SGD with one scalar learning rate, by forward mode: the
 * tangent {@code v = d theta / d lr} travels with the parameters through the unrolled loop,
 * <pre>  theta' = theta - lr g,   v' = v - g - lr H v,   dL_t/dlr = g_t . v_t  (v_0 = 0),</pre>
 * with {@code H v} from {@link MlpTangent}. One pass, no tape and nothing stored per step, so
 * it costs about two forward-and-gradient passes where reverse mode also records and replays a
 * graph. {@link Hypergradient} stays the general path: any optimiser, any number of
 * hyperparameters (forward mode costs one tangent per scalar hyperparameter).
 */
public final class SgdLearningRateTangent {
  private SgdLearningRateTangent() {}

  /**
   * The meta-loss, the inner losses and d(meta-loss)/d(lr) of {@code loop} run at {@code lr}.
   *
   * @param loop a plain-SGD loop of a tanh learner; its learning rate is {@code lr} at every step
   *     (the loop's own {@link LearningRate} is not read)
   * @param theta0 initial parameters (not modified)
   * @param noise one entry per inner step
   * @param c constants, alive until this returns
   */
  public static Result compute(InnerLoop loop, NDArray theta0, double lr, Batches batches, List<StepNoise> noise,
      Scalars c) {
    if (!(loop.optimizer() instanceof Sgd)) {
      throw new IllegalArgumentException("forward-mode metagradient: needs plain SGD, got " + loop.optimizer().name());
    }
    MlpTangent.check(loop.learner());
    int steps = loop.steps();
    try (NDManager work = theta0.getManager().newSubManager()) {
      // Row 0 the parameters, row 1 their tangent; both are updated in place through the views.
      NDArray state = NDArrays.stack(new NDList(theta0, theta0.zerosLike()));
      state.attach(work);
      MlpBlocks theta = MlpBlocks.viewsOf(state.get(0), loop.learner());
      MlpBlocks tangent = MlpBlocks.viewsOf(state.get(1), loop.learner());
      // [theta; v] -= [[lr, 0], [1, lr]] [g; H v]: both updates in one matmul
      NDArray update = ArrayValues.of(work, new double[] {lr, 0, 1, lr}, new Shape(2, 2), c.type());
      NDList losses = new NDList();
      NDList lossTangents = new NDList();
      for (int t = 0; t < steps; t++) {
        try (StepScope scope = new StepScope(work)) {
          scope.use(state, update);
          scope.use(theta.arrays());
          scope.use(tangent.arrays());
          scope.use(batches.at(t).arrays());
          scope.use(noise.get(t).arrays());
          MlpTangent.Step step = MlpTangent.at(theta, tangent, batches.at(t), noise.get(t), c);
          state.subi(update.matMul(step.gradients()));
          step.loss().attach(work);
          losses.add(step.loss());
          step.lossTangent().attach(work);
          lossTangents.add(step.lossTangent());
        }
      }
      double[] lossValues = read(losses, "inner loss");
      double[] slopes = read(lossTangents, "metagradient");
      double gradient = 0;
      for (int t = 0; t < steps; t++) {
        gradient += loop.weight(t) * slopes[t];
      }
      Divergence.check(gradient, 0, "metagradient");
      return new Result(loop.metaLoss(lossValues), lossValues, gradient);
    }
  }

  /** The 0-d arrays' values in one read; fails on the first non-finite one. */
  private static double[] read(NDList arrays, String quantity) {
    try (NDArray all = NDArrays.stack(arrays)) {
      double[] values = ArrayValues.values(all);
      for (int i = 0; i < values.length; i++) {
        Divergence.check(values[i], i, quantity);
      }
      return values;
    }
  }

  /** The meta-loss, the inner losses (one per step) and d(meta-loss)/d(lr). */
  public record Result(double metaLoss, double[] losses, double gradient) {}
}
