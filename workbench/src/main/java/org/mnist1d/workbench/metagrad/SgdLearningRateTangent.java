package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Exact d(meta-loss)/d(lr) for plain SGD with one scalar learning rate, by forward mode: the
 * tangent {@code v = d theta / d lr} travels with the parameters through the unrolled loop,
 *
 * <pre>  theta' = theta - lr g,   v' = v - g - lr H v,   dL_t/dlr = g_t . v_t  (v_0 = 0),</pre>
 *
 * with {@code H v} from {@link MlpTangent}. One pass, no tape and nothing stored per step but a few
 * B x O arrays, so it costs about two forward-and-gradient passes where reverse mode also records
 * and replays a graph. {@link Metagradient} stays the general path: any optimiser, any number of
 * hyperparameters (forward mode costs one tangent per scalar hyperparameter).
 */
public final class SgdLearningRateTangent {
  private final InnerLoop loop;
  private final Batches batches;
  private final NDManager manager;
  private final Map<Batch, Inputs> withOnes = new IdentityHashMap<>();

  /**
   * For {@code loop}, a plain-SGD loop of a tanh learner, on {@code batches}; the learning rate is
   * the argument of {@link #compute} at every step (the loop's own {@link LearningRate} is not
   * read). {@code manager} keeps each batch's inputs with a column of ones, made on first use.
   */
  public SgdLearningRateTangent(InnerLoop loop, Batches batches, NDManager manager) {
    if (!(loop.optimizer() instanceof InnerSgd)) {
      throw new IllegalArgumentException(
          "forward-mode metagradient: needs plain SGD, got " + loop.optimizer().name());
    }
    MlpTangent.check(loop.learner());
    this.loop = loop;
    this.batches = batches;
    this.manager = manager;
  }

  /**
   * The meta-loss, the inner losses and d(meta-loss)/d(lr) of the loop run at {@code lr}.
   *
   * @param theta0 initial parameters (not modified)
   * @param noise one entry per inner step
   * @param c constants, alive until this returns
   */
  public Result compute(NDArray theta0, double lr, List<StepNoise> noise, Scalars c) {
    int steps = loop.steps();
    try (NDManager work = manager.newSubManager()) {
      // Both are updated in place, so the block views are made once.
      NDArray parameters = MlpBlocks.layoutOf(theta0, loop.learner());
      parameters.attach(work);
      NDArray tangents = parameters.zerosLike();
      MlpBlocks theta = MlpBlocks.viewsOf(parameters, loop.learner());
      MlpBlocks tangent = MlpBlocks.viewsOf(tangents, loop.learner());
      NDArray rate = ArrayValues.vector(work, new double[] {lr}, c.type());
      NDList logProbs = new NDList();
      NDList negTargets = new NDList();
      NDList dLogits = new NDList();
      NDList logitsDots = new NDList();
      for (int t = 0; t < steps; t++) {
        Batch batch = batches.at(t);
        Inputs x1 = withOnes(batch);
        try (StepScope scope = new StepScope(work)) {
          scope.use(theta.arrays());
          scope.use(tangent.arrays());
          scope.use(x1.x1(), x1.x1T());
          scope.use(batch.arrays());
          scope.use(noise.get(t).arrays());
          MlpTangent.Step step =
              MlpTangent.at(theta, tangent, x1.x1(), x1.x1T(), batch, noise.get(t), c);
          update(
              theta.arrays(),
              tangent.arrays(),
              step.gradient().arrays(),
              step.hvp().arrays(),
              rate);
          for (NDArray kept : new NDArray[] {step.logProbs(), step.dLogits(), step.logitsDot()}) {
            kept.attach(work);
          }
          logProbs.add(step.logProbs());
          negTargets.add(batch.negTargets());
          dLogits.add(step.dLogits());
          logitsDots.add(step.logitsDot());
        }
      }
      double[] lossValues = read(MlpTangent.sumsOfProducts(logProbs, negTargets), "inner loss");
      double[] slopes = read(MlpTangent.sumsOfProducts(dLogits, logitsDots), "metagradient");
      double gradient = 0;
      for (int t = 0; t < steps; t++) {
        gradient += loop.weight(t) * slopes[t];
      }
      Divergence.check(gradient, 0, "metagradient");
      return new Result(loop.metaLoss(lossValues), lossValues, gradient);
    }
  }

  /** {@code [x | 1]} for {@code batch} and its transpose (a view), made once. */
  private Inputs withOnes(Batch batch) {
    return withOnes.computeIfAbsent(
        batch,
        b -> {
          NDArray ones = manager.ones(new Shape(b.x().getShape().get(0), 1), b.x().getDataType());
          NDArray x1 = NDArrays.concat(new NDList(b.x(), ones), 1);
          x1.attach(manager);
          ones.close();
          NDArray x1T = x1.transpose();
          x1T.attach(manager);
          return new Inputs(x1, x1T);
        });
  }

  /**
   * {@code v -= g + lr Hv; theta -= lr g}, block by block and in place (cheaper here than one
   * concatenated update); {@code g} and {@code Hv} are scratch and get scaled.
   */
  private static void update(
      NDArray[] theta, NDArray[] tangent, NDArray[] g, NDArray[] hvp, NDArray lr) {
    for (int k = 0; k < theta.length; k++) {
      tangent[k].subi(g[k]).subi(hvp[k].muli(lr));
      theta[k].subi(g[k].muli(lr));
    }
  }

  /** The values of a vector in one read; fails on the first non-finite one. */
  private static double[] read(NDArray vector, String quantity) {
    try (vector) {
      double[] values = ArrayValues.values(vector);
      for (int i = 0; i < values.length; i++) {
        Divergence.check(values[i], i, quantity);
      }
      return values;
    }
  }

  /** A batch's inputs with a column of ones and their transpose. */
  private record Inputs(NDArray x1, NDArray x1T) {}

  /** The meta-loss, the inner losses (one per step) and d(meta-loss)/d(lr). */
  public record Result(double metaLoss, double[] losses, double gradient) {}
}
