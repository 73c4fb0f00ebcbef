package org.mnist1d.workbench.metagrad;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Exact metagradients of an {@link InnerLoop}'s meta-loss with respect to the hyperparameters, by
 * reverse mode through the unrolled loop with recomputation.
 *
 * <p>The forward pass runs without autograd and keeps only what defines the loop every {@code
 * segment} steps: the parameters and optimiser state there (the per-step noise is given). The
 * reverse pass walks the segments backwards; for each it rebuilds the segment's steps on fresh
 * leaves (parameters, state) with autograd on, and one ordinary backward of
 *
 * <pre>  sum_t w_t L_t  +  adj_theta . theta_end  +  sum_i adj_state_i . state_i_end</pre>
 *
 * gives the adjoints at the segment's start and adds the segment's share to the hyperparameters'
 * gradients (they accumulate on the hyperparameter leaves). Each step's explicit gradient makes
 * every graph first-order: no create-graph backward (see docs/metalearning.md, "DJL traps").
 *
 * <p>Memory: O(T/segment * |theta|) stored, plus one segment's graph. {@code segment = 1} keeps one
 * step's activations alive at a time; {@code segment >= T} records the whole loop once and needs no
 * separate forward pass (fastest for small models).
 */
public final class Metagradient {
  private Metagradient() {}

  /**
   * The meta-loss, the inner losses and d(meta-loss)/d(hyper) for each hyperparameter array.
   *
   * @param theta0 initial parameters (not modified)
   * @param hyper hyperparameter values (not modified; gradients are taken on copies)
   * @param noise one entry per inner step
   * @param segment steps per recomputed segment (1: per-step recomputation)
   * @param c constants, alive until this returns
   * @param out receives {@link Result#finalTheta()}
   */
  public static Result compute(
      InnerLoop loop,
      NDArray theta0,
      NDList hyper,
      Batches batches,
      List<StepNoise> noise,
      int segment,
      Scalars c,
      NDManager out) {
    int steps = loop.steps();
    int k = Math.max(1, Math.min(segment, steps));
    boolean recordAll = k >= steps;
    double[] losses = new double[steps];
    if (hyper.isEmpty()) {
      throw new IllegalArgumentException("metagradient: no hyperparameters to differentiate");
    }
    try (NDManager work = out.newSubManager()) {
      NDList leaves = new NDList();
      for (NDArray h : hyper) {
        NDArray leaf = h.duplicate();
        leaf.attach(work);
        leaves.add(leaf);
      }
      int segments = (steps + k - 1) / k;
      NDList[] checkpoints = new NDList[segments];
      NDArray finalTheta =
          forward(loop, theta0, leaves, batches, noise, k, c, work, checkpoints, losses);
      // Only now do the leaves ask for gradients: the forward pass above builds no graph at all.
      for (NDArray leaf : leaves) {
        leaf.setRequiresGradient(true);
      }

      NDArray adjTheta = null;
      NDList adjState = null;
      int peak = 0;
      for (int s = segments - 1; s >= 0; s--) {
        int start = s * k;
        int end = Math.min(start + k, steps);
        try (StepScope scope = new StepScope(work)) {
          NDArray theta = checkpoints[s].get(0);
          NDList state = new NDList(checkpoints[s].subList(1, checkpoints[s].size()));
          scope.use(checkpoints[s]);
          scope.use(leaves);
          theta.setRequiresGradient(true);
          for (NDArray x : state) {
            x.setRequiresGradient(true);
          }
          NDList segmentLosses = new NDList();
          NDArray current = theta;
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray objective = zeroTouch(leaves, state, c);
            NDList currentState = state;
            NDList weighted = new NDList();
            double weight = 0;
            for (int t = start; t < end; t++) {
              scope.use(batches.at(t).arrays());
              scope.use(noise.get(t).arrays());
              NDList next =
                  loop.step(current, currentState, leaves, batches.at(t), noise.get(t), t, c);
              segmentLosses.add(next.get(0));
              if (loop.weight(t) != 0) {
                weighted.add(next.get(0));
                weight = loop.weight(t); // the window's weight is uniform
              }
              current = next.get(1);
              currentState = new NDList(next.subList(2, next.size()));
            }
            if (!weighted.isEmpty()) {
              // one stacked sum instead of two operations per step
              NDArray counted = weighted.size() == 1 ? weighted.get(0) : NDArrays.stack(weighted);
              objective = objective.add(counted.sum().mul(c.of(weight)));
            }
            if (adjTheta != null) {
              scope.use(adjTheta);
              scope.use(adjState);
              objective = objective.add(adjTheta.mul(current).sum());
              for (int i = 0; i < currentState.size(); i++) {
                objective = objective.add(adjState.get(i).mul(currentState.get(i)).sum());
              }
            }
            peak = Math.max(peak, scope.manager().getManagedArrays().size());
            collector.backward(objective);
          }
          if (recordAll) {
            // The whole loop was recorded here without a forward pass: read its losses and end.
            readLosses(segmentLosses, losses, 0);
            finalTheta = current.duplicate(); // grad mode is off again: a plain copy
            finalTheta.attach(work);
          }
          if (adjTheta != null) {
            adjTheta.close();
            adjState.close();
          }
          adjTheta = theta.getGradient();
          adjTheta.attach(work);
          adjState = new NDList();
          for (NDArray x : state) {
            NDArray g = x.getGradient();
            g.attach(work);
            adjState.add(g);
          }
          try (NDArray total = adjTheta.sum()) {
            Divergence.check(ArrayValues.value(total), start, "metagradient");
          }
          checkpoints[s].close();
        }
      }
      adjTheta.close();
      adjState.close();

      double[][] gradients = new double[leaves.size()][];
      for (int i = 0; i < leaves.size(); i++) {
        try (NDArray g = leaves.get(i).getGradient()) {
          gradients[i] = ArrayValues.values(g);
        }
        for (double g : gradients[i]) {
          Divergence.check(g, 0, "metagradient");
        }
      }
      finalTheta.attach(out);
      return new Result(loop.metaLoss(losses), losses, gradients, finalTheta, peak);
    }
  }

  /**
   * Forward pass without autograd: stores the checkpoints and losses and returns theta_T. When the
   * whole loop is one segment only theta_0 is stored (returns null): the reverse pass records the
   * rest.
   */
  private static NDArray forward(
      InnerLoop loop,
      NDArray theta0,
      NDList hyper,
      Batches batches,
      List<StepNoise> noise,
      int k,
      Scalars c,
      NDManager work,
      NDList[] checkpoints,
      double[] losses) {
    int steps = loop.steps();
    NDArray theta = theta0.duplicate();
    theta.attach(work);
    NDList state = loop.optimizer().initialState(theta, c);
    state.attach(work);
    if (k >= steps) {
      NDList first = new NDList(theta);
      first.addAll(state);
      checkpoints[0] = first;
      return null;
    }
    NDList lossArrays = new NDList();
    for (int t = 0; t < steps; t++) {
      boolean checkpoint = t % k == 0;
      if (checkpoint) {
        NDList saved = new NDList(theta);
        saved.addAll(state);
        checkpoints[t / k] = saved;
      }
      NDList next = loop.scopedStep(theta, state, hyper, batches, noise, t, c, work);
      lossArrays.add(next.get(0));
      if (!checkpoint) {
        theta.close();
        state.close();
      }
      theta = next.get(1);
      state = new NDList(next.subList(2, next.size()));
    }
    state.close();
    // One read for all losses; a NaN stops the run here, before any reverse work.
    readLosses(lossArrays, losses, 0);
    lossArrays.close();
    return theta;
  }

  /**
   * Copies the 0-d loss arrays into {@code into} from {@code offset}; fails on the first non-finite
   * one.
   */
  private static void readLosses(NDList arrays, double[] into, int offset) {
    try (NDArray all = NDArrays.stack(arrays)) {
      double[] values = ArrayValues.values(all);
      for (int i = 0; i < values.length; i++) {
        into[offset + i] = values[i];
        Divergence.check(values[i], offset + i, "inner loss");
      }
    }
  }

  /**
   * A zero that depends on every hyperparameter and state leaf, so that each gets a (possibly zero)
   * gradient even when a segment does not reach it.
   */
  private static NDArray zeroTouch(NDList hyper, NDList state, Scalars c) {
    NDArray sum = null;
    for (NDArray x : hyper) {
      sum = sum == null ? x.sum() : sum.add(x.sum());
    }
    for (NDArray x : state) {
      sum = sum.add(x.sum());
    }
    return sum.mul(c.of(0));
  }

  /**
   * The outcome of one unrolled loop.
   *
   * @param gradients d(meta-loss)/d(hyper[i]), flattened, per hyperparameter array
   * @param peakSegmentArrays the most NDArrays alive in one recorded segment (a memory probe)
   */
  public record Result(
      double metaLoss,
      double[] losses,
      double[][] gradients,
      NDArray finalTheta,
      int peakSegmentArrays) {}
}
