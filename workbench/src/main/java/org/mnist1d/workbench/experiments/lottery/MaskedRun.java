package org.mnist1d.workbench.experiments.lottery;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.InOrderBatches;
import org.mnist1d.workbench.train.ObjectiveTraining;
import org.mnist1d.workbench.train.Split;

/**
 * One training of a masked network as the reference harness ({@code train_model}) does it: for
 * {@code s = 0..steps} one Adam update on the in-order batch {@code s} (so {@code steps + 1}
 * updates), and after the update, when {@code s % evalEvery == 0}, the test loss and accuracy; the
 * parameters after update {@code s == snapshotStep} are kept (upstream's checkpoint at step 1000,
 * from which the next round's magnitudes come). The train accuracy on the whole train set, which
 * upstream also computes at every evaluation, is not computed: nothing published uses it.
 */
final class MaskedRun {
  private MaskedRun() {}

  /** The harness's settings: {@code steps} as upstream's {@code total_steps}. */
  record Settings(int steps, double lr, int evalEvery, int snapshotStep) {}

  /** One evaluation: the step's batch loss (before its update), then test loss and accuracy. */
  record Eval(int step, double trainLoss, double testLoss, double testAcc) {}

  /** The evaluations, the last step's batch loss, and the parameters at the snapshot step. */
  record Result(List<Eval> evals, double finalTrainLoss, List<double[]> snapshot) {
    Eval last() {
      return evals.get(evals.size() - 1);
    }

    double maxTestAcc() {
      return evals.stream().mapToDouble(Eval::testAcc).max().orElse(Double.NaN);
    }
  }

  /** Called after each evaluation (metrics, progress). */
  interface Listener {
    void evaluated(Eval e);
  }

  static Result train(
      Model model,
      NDManager manager,
      InOrderBatches batches,
      Split test,
      List<double[]> init,
      List<double[]> masks,
      Settings s,
      String where,
      Listener listener) {
    List<Eval> evals = new ArrayList<>();
    List<double[]> snapshot = null;
    double loss = Double.NaN;
    try (ObjectiveTraining run = ObjectiveTraining.adam(model, manager, init, masks, s.lr())) {
      for (int step = 0; step <= s.steps(); step++) {
        loss = run.step(ObjectiveTraining.classification(model, batches.at(step)));
        if (step % s.evalEvery() == 0) {
          ObjectiveTraining.Score score = run.score(model, test);
          if (!Double.isFinite(score.loss()) || !Double.isFinite(loss)) {
            throw new RunFailure(
                where
                    + ": diverged at step "
                    + step
                    + " (train loss "
                    + loss
                    + ", test loss "
                    + score.loss()
                    + ")");
          }
          Eval e = new Eval(step, loss, score.loss(), score.accuracy());
          evals.add(e);
          listener.evaluated(e);
        }
        if (step == s.snapshotStep()) {
          snapshot = run.values();
        }
      }
    }
    return new Result(evals, loss, snapshot);
  }
}
