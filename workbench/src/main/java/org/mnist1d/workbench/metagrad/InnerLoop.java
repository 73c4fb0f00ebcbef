package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.nn.StepScope;

/**
 * One unrolled inner optimisation: {@code steps} updates of {@code learner} by {@code optimizer} at
 * {@code learningRate}; the meta-loss is the mean of the inner losses of the last {@code
 * metaLossSteps} steps (each loss taken before that step's update, as the reference does).
 */
public record InnerLoop(
    MlpLearner learner,
    InnerOptimizer optimizer,
    LearningRate learningRate,
    int steps,
    int metaLossSteps) {

  /** Validates the step counts. */
  public InnerLoop {
    if (steps < 1 || metaLossSteps < 1 || metaLossSteps > steps) {
      throw new IllegalArgumentException(
          "inner loop: need 1 <= meta-loss steps (" + metaLossSteps + ") <= steps (" + steps + ")");
    }
  }

  /**
   * The weight of step {@code t}'s loss in the meta-loss (1/metaLossSteps inside the window, else
   * 0).
   */
  public double weight(int t) {
    return t >= steps - metaLossSteps ? 1.0 / metaLossSteps : 0.0;
  }

  /** One step: {@code [loss (0-d), theta', state'...]}, differentiable in all inputs. */
  public NDList step(
      NDArray theta, NDList state, NDList hyper, Batch batch, StepNoise noise, int t, Scalars c) {
    NDList lossAndGrad = learner.lossAndGradient(theta, hyper, batch, noise, c);
    NDList next =
        optimizer.step(theta, lossAndGrad.get(1), state, learningRate.at(hyper, t, c), t, c);
    NDList out = new NDList(lossAndGrad.get(0));
    out.addAll(next);
    return out;
  }

  /**
   * {@link #step} on step {@code t}'s batch and noise with its intermediates freed at once: only
   * {@code [loss, theta', state'...]} remain, on {@code keep}. The inputs are not modified.
   */
  public NDList scopedStep(
      NDArray theta,
      NDList state,
      NDList hyper,
      Batches batches,
      List<StepNoise> noise,
      int t,
      Scalars c,
      NDManager keep) {
    try (StepScope scope = new StepScope(keep)) {
      scope.use(theta);
      scope.use(state);
      scope.use(hyper);
      scope.use(batches.at(t).arrays());
      scope.use(noise.get(t).arrays());
      NDList next = step(theta, state, hyper, batches.at(t), noise.get(t), t, c);
      next.attach(keep);
      return next;
    }
  }

  /**
   * Runs the loop forward without any gradient bookkeeping (baselines, evaluation).
   *
   * @param noise one entry per step
   * @param out the manager that receives the final parameters
   */
  public InnerRun run(
      NDArray theta0,
      NDList hyper,
      Batches batches,
      List<StepNoise> noise,
      Scalars c,
      NDManager out) {
    double[] losses = new double[steps];
    try (NDManager work = out.newSubManager()) {
      NDArray theta = theta0.duplicate();
      theta.attach(work);
      NDList state = optimizer.initialState(theta, c);
      state.attach(work);
      for (int t = 0; t < steps; t++) {
        NDList next = scopedStep(theta, state, hyper, batches, noise, t, c, work);
        try (NDArray loss = next.get(0)) {
          losses[t] = ArrayValues.value(loss);
        }
        Divergence.check(losses[t], t, "inner loss");
        theta.close();
        state.close();
        theta = next.get(1);
        state = new NDList(next.subList(2, next.size()));
      }
      state.close();
      theta.attach(out);
      return new InnerRun(losses, theta, metaLoss(losses));
    }
  }

  /** The meta-loss of a run's losses. */
  public double metaLoss(double[] losses) {
    double sum = 0;
    for (int t = steps - metaLossSteps; t < steps; t++) {
      sum += losses[t];
    }
    return sum / metaLossSteps;
  }

  /** A forward run's inner losses (one per step), final parameters and meta-loss. */
  public record InnerRun(double[] losses, NDArray finalTheta, double metaLoss) {}
}
