package org.mnist1d.workbench.metagrad;

import java.util.Map;

/**
 * The outer (meta) loop: evaluate the metagradient at the current hyperparameters, hand the step to
 * a listener (logging, checkpoints), update with an {@link OuterOptimizer}. Starts from any saved
 * {@link State}, so that a killed run resumes where its last checkpoint left it.
 */
public final class OuterLoop {
  private OuterLoop() {}

  /** What the outer loop optimises: one inner run with its metagradient. */
  public interface Problem {
    /** The meta-loss and metagradient at {@code hyper}, plus metrics to log. */
    Outcome evaluate(double[][] hyper);
  }

  /** One evaluation: meta-loss, metagradient (shaped like the hyperparameters), named metrics. */
  public record Outcome(double metaLoss, double[][] gradient, Map<String, Double> metrics) {}

  /** Where the loop stands before outer step {@code step}: hyperparameters and optimiser state. */
  public record State(int step, double[][] hyper, double[][] optimizerState) {}

  /**
   * Called after each outer step with the hyperparameters it used, its outcome and the next state.
   */
  public interface Listener {
    void afterStep(int step, double[][] hyper, Outcome outcome, State next) throws Exception;
  }

  /** A NaN or infinity during an outer step: names the outer and inner step and the quantity. */
  public static final class Diverged extends RuntimeException {
    private final int outerStep;

    Diverged(int outerStep, Divergence cause) {
      super(
          "diverged at outer step "
              + outerStep
              + ", inner step "
              + cause.innerStep()
              + ": "
              + cause.getMessage(),
          cause);
      this.outerStep = outerStep;
    }

    /** The outer step that diverged. */
    public int outerStep() {
      return outerStep;
    }
  }

  /**
   * Runs outer steps from {@code start} up to (excluding) {@code steps}; returns the final state.
   */
  public static State run(
      Problem problem, OuterOptimizer optimizer, State start, int steps, Listener listener)
      throws Exception {
    optimizer.restore(start.optimizerState());
    State state = start;
    for (int k = start.step(); k < steps; k++) {
      if (Thread.interrupted()) {
        // a stop request between outer steps: the last checkpoint stays valid for a resume
        throw new InterruptedException("interrupted before outer step " + k);
      }
      double[][] hyper = copy(state.hyper());
      Outcome outcome;
      try {
        outcome = problem.evaluate(hyper);
      } catch (Divergence d) {
        throw new Diverged(k, d);
      }
      double[][] next = copy(hyper);
      optimizer.step(next, outcome.gradient());
      state = new State(k + 1, next, optimizer.state());
      listener.afterStep(k, hyper, outcome, state);
    }
    return state;
  }

  private static double[][] copy(double[][] a) {
    double[][] b = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }
}
