package org.mnist1d.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.ParameterSpec;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Training of explicit parameters on any differentiable objective, one step at a time: each step's
 * loss is a function of the parameters given by the caller (a classification batch, two augmented
 * views, ...), and the caller decides when to evaluate and when to take a snapshot. One autograd
 * backward per step, then a {@link FusedOptimizer} update in place; each step's intermediates live
 * on a scope closed at the end of the step, so memory stays flat. The parameters are one flat
 * vector with a fresh autograd leaf per step ({@link FlatParameters}): one gradient buffer, one
 * optimiser update and one mask product per step.
 *
 * <p><b>Masks.</b> With 0/1 masks (one per parameter tensor) the parameters start masked, and after
 * every update they are multiplied by their masks again, so every forward pass sees pruned entries
 * at exactly zero. This is what upstream's lottery code does ({@code param.data = mask * param}
 * before each forward): the optimiser sees the gradient at the masked point, pruned entries
 * included, and keeps its state for them. The kept entries, every forward pass and every loss are
 * the same as training through a {@link org.mnist1d.workbench.nn.MaskedModel} (whose gradient is
 * {@code mask *} that gradient), since Adam's update is elementwise (checked bit for bit against
 * zeroing the pruned gradients instead).
 */
public final class ObjectiveTraining implements AutoCloseable {
  /**
   * A step's loss as a differentiable function of the parameters, computed inside {@code scope}.
   */
  @FunctionalInterface
  public interface Objective {
    NDArray loss(NDList params, StepScope scope);
  }

  /** Mean cross-entropy loss and accuracy (percent) on a set of examples. */
  public record Score(double loss, double accuracy) {}

  private final NDManager manager;
  private final FlatParameters params;
  private final NDArray mask;
  private int step;

  /**
   * Training from {@code initial} values (flat, in the order of {@code specs}) with the optimiser
   * {@code optimizer} makes on a manager of this run ({@code m -> new FusedAdam(m, lr)}); {@code
   * masks} (0/1 values per parameter) or null for none.
   */
  public ObjectiveTraining(
      List<ParameterSpec> specs,
      NDManager parent,
      List<double[]> initial,
      List<double[]> masks,
      DataType type,
      Function<NDManager, FusedOptimizer> optimizer) {
    if (initial.size() != specs.size() || (masks != null && masks.size() != specs.size())) {
      throw new IllegalArgumentException(
          "expected " + specs.size() + " parameter arrays (and masks), got " + initial.size());
    }
    this.manager = parent.newSubManager();
    List<double[]> start = masks == null ? initial : masked(initial, masks);
    this.params = new FlatParameters(specs, manager, optimizer.apply(manager), start, type);
    this.mask = masks == null ? null : params.flat(masks);
  }

  /** In-place training of {@code model}'s parameters with Adam at {@code lr}, float32. */
  public static ObjectiveTraining adam(
      Model model, NDManager parent, List<double[]> initial, List<double[]> masks, double lr) {
    return new ObjectiveTraining(
        model.parameters(), parent, initial, masks, DataType.FLOAT32, m -> new FusedAdam(m, lr));
  }

  /** The mean cross-entropy of {@code model} on {@code batch}: a classification step. */
  public static Objective classification(Model model, Split batch) {
    return (params, scope) -> {
      scope.use(batch.x(), batch.negTargets());
      return batch.loss(model.forward(params, batch.x()));
    };
  }

  /** {@code values} times {@code masks}, elementwise per parameter (new arrays). */
  public static List<double[]> masked(List<double[]> values, List<double[]> masks) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      double[] v = values.get(i).clone();
      double[] k = masks.get(i);
      for (int j = 0; j < v.length; j++) {
        v[j] *= k[j];
      }
      out.add(v);
    }
    return out;
  }

  /** Updates made so far. */
  public int steps() {
    return step;
  }

  /** The current parameters (owned by this run; copy what must outlive it). */
  public NDList parameters() {
    return params.views();
  }

  /** The current parameter values, flat, in order. */
  public List<double[]> values() {
    return params.values();
  }

  /** One update on {@code objective}; returns its loss before the update. */
  public double step(Objective objective) {
    double loss;
    try (StepScope scope = new StepScope(manager)) {
      scope.use(params.vector());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = objective.loss(params.trainable(), scope);
        gc.backward(l);
        loss = ArrayValues.value(l);
      }
      params.update(step);
      if (mask != null) {
        params.vector().muli(mask); // param.data *= mask; the vector is not an autograd leaf
      }
    }
    step++;
    return loss;
  }

  /** Loss and accuracy of {@code model} with the current parameters on {@code split}. */
  public Score score(Model model, Split split) {
    try (StepScope scope = new StepScope(manager)) {
      scope.use(params.views());
      scope.use(split.x(), split.negTargets(), split.labels());
      NDArray logits = model.forward(params.views(), split.x());
      return new Score(ArrayValues.value(split.loss(logits)), split.accuracy(logits));
    }
  }

  /**
   * Parameters and optimiser state keyed by name ({@code param.NAME}, {@code adam.m.NAME}, ...),
   * for a checkpoint.
   */
  public Map<String, double[]> snapshot() {
    return params.snapshot();
  }

  /** Restores a {@link #snapshot()} taken after {@code atStep} updates. */
  public void restore(Map<String, double[]> snapshot, int atStep) {
    params.restore(snapshot);
    step = atStep;
  }

  @Override
  public void close() {
    manager.close();
  }
}
