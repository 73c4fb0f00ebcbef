package org.mnist1d.workbench.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Backward;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.ParameterSpec;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Ordinary training of a {@link Model}: mini-batches taken in order (batch {@code s} starts at
 * {@code (s * B) mod n}, shorter at the end when B does not divide n), one autograd backward per
 * step, and an {@link FusedOptimizer} update outside autograd. Each step's intermediates live on a
 * scoped manager that is closed at the end of the step, so memory stays flat.
 */
public final class TrainingRun implements AutoCloseable {
  private final Model model;
  private final NDManager manager;
  private final List<Split> batches = new ArrayList<>();
  private final Split train;
  private final Split test;
  private final FusedOptimizer optimizer;
  private NDList params;
  private NDList grads;
  private int step;

  /** Losses and accuracies (percent) on the train and test sets at one step. */
  public record Evaluation(
      int step, double trainLoss, double trainAcc, double testLoss, double testAcc) {}

  /**
   * A run of {@code model} from parameters {@code initial} (flat values in the model's order).
   *
   * @param optimizerName adam or sgd
   */
  public TrainingRun(
      Model model,
      NDManager parent,
      double[][] x,
      int[] y,
      double[][] xTest,
      int[] yTest,
      int batch,
      String optimizerName,
      double lr,
      List<double[]> initial,
      DataType type) {
    this.model = model;
    this.manager = parent.newSubManager();
    int classes = 10;
    for (int start = 0; ; start = (start + batch) % x.length) {
      // in-order batches repeat with period lcm(n, B)/B; slice each distinct one once
      if (!batches.isEmpty() && start == 0) {
        break;
      }
      batches.add(Split.of(manager, x, y, start, Math.min(start + batch, x.length), classes, type));
    }
    this.train = Split.of(manager, x, y, 0, x.length, classes, type);
    this.test = Split.of(manager, xTest, yTest, 0, xTest.length, classes, type);
    this.optimizer =
        switch (optimizerName) {
          case "adam" -> new FusedAdam(manager, lr);
          case "sgd" -> new FusedSgd(lr);
          default ->
              throw new IllegalArgumentException(
                  "optimizer: expected adam or sgd, got '" + optimizerName + "'");
        };
    this.params = leaves(Initialization.arrays(model, initial, manager, type));
  }

  /** The parameters as autograd leaves: each keeps one gradient buffer for the whole run. */
  private static NDList leaves(NDList params) {
    params.forEach(p -> p.setRequiresGradient(true));
    return params;
  }

  /** Convenience: PyTorch default initialisation from {@code seed}. */
  public static List<double[]> initial(Model model, long seed) {
    return Initialization.values(model, seed);
  }

  /** The step reached (number of updates made). */
  public int step() {
    return step;
  }

  /** The current parameters (owned by this run; copy what must outlive it). */
  public NDList parameters() {
    return params;
  }

  /** One update on the next batch; returns the batch's loss before the update. */
  public double update() {
    Split batch = batches.get(step % batches.size());
    double loss;
    try (StepScope scope = new StepScope(manager)) {
      scope.use(params);
      scope.use(batch.x(), batch.negTargets());
      NDArray logProbs;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        logProbs = model.forward(params, batch.x()).logSoftmax(1);
        // the loss is sum(logProbs * negTargets): its gradient with respect to logProbs is
        // negTargets, so the backward starts there, without the product and sum in the graph
        Backward.seeded(gc, logProbs, batch.negTargets());
      }
      // The parameters are leaves that keep their gradient buffers; the optimiser updates them
      // in place with autograd off (whatever this thread's grad mode: a notebook kernel may step
      // from any thread) and zeroes the gradients for the next backward.
      optimizer.update(params, gradients(), step);
      loss = ArrayValues.value(batch.lossOfLogProbabilities(logProbs));
    }
    step++;
    return loss;
  }

  /**
   * The parameters' gradient buffers. The engine accumulates each backward into the same buffer (in
   * place, once it exists) and the optimiser zeroes it in place, so the handles are taken once,
   * after the first backward, and kept until the parameters are replaced.
   */
  private NDList gradients() {
    if (grads == null) {
      grads = new NDList();
      for (NDArray p : params) {
        NDArray g = p.getGradient();
        g.attach(manager);
        grads.add(g);
      }
    }
    return grads;
  }

  /** Loss and accuracy on the whole train and test sets (no gradients). */
  public Evaluation evaluate() {
    double[] tr = lossAndAccuracy(train);
    double[] te = lossAndAccuracy(test);
    return new Evaluation(step, tr[0], tr[1], te[0], te[1]);
  }

  private double[] lossAndAccuracy(Split split) {
    try (StepScope scope = new StepScope(manager)) {
      scope.use(params);
      scope.use(split.x(), split.negTargets(), split.labels());
      NDArray logits = model.forward(params, split.x());
      double loss = ArrayValues.value(split.loss(logits));
      return new double[] {loss, split.accuracy(logits)};
    }
  }

  /**
   * Parameters and optimiser state as flat values keyed by name, for a checkpoint: {@code
   * param.NAME} for each parameter ({@link ParameterSpec#name()}), then the optimiser's arrays
   * ({@code adam.m.NAME}, ...).
   */
  public Map<String, double[]> snapshot() {
    Map<String, double[]> out = new LinkedHashMap<>();
    List<String> names = parameterNames();
    for (int i = 0; i < params.size(); i++) {
      out.put("param." + names.get(i), ArrayValues.values(params.get(i)));
    }
    NDList state = optimizer.state();
    List<String> stateNames = state.isEmpty() ? List.of() : optimizer.stateNames(names);
    for (int i = 0; i < state.size(); i++) {
      out.put(stateNames.get(i), ArrayValues.values(state.get(i)));
    }
    return out;
  }

  /** Restores a {@link #snapshot()} taken at {@code atStep}. */
  public void restore(Map<String, double[]> snapshot, int atStep) {
    List<String> names = parameterNames();
    NDList restored = new NDList();
    for (int i = 0; i < params.size(); i++) {
      restored.add(like(params.get(i), required(snapshot, "param." + names.get(i))));
    }
    NDList state = new NDList();
    List<String> stateNames = optimizer.stateNames(names);
    if (stateNames.stream().anyMatch(snapshot::containsKey)) {
      for (int i = 0; i < stateNames.size(); i++) {
        // optimiser arrays are laid out parameter by parameter, repeatedly (m..., v...)
        state.add(like(params.get(i % params.size()), required(snapshot, stateNames.get(i))));
      }
    }
    params.close();
    if (grads != null) {
      grads.close();
      grads = null;
    }
    params = leaves(restored);
    optimizer.restore(state);
    step = atStep;
  }

  private List<String> parameterNames() {
    return model.parameters().stream().map(ParameterSpec::name).toList();
  }

  private NDArray like(NDArray shapeAndType, double[] values) {
    return ArrayValues.of(manager, values, shapeAndType.getShape(), shapeAndType.getDataType());
  }

  private static double[] required(Map<String, double[]> snapshot, String name) {
    double[] a = snapshot.get(name);
    if (a == null) {
      throw new IllegalStateException("checkpoint has no array '" + name + "'");
    }
    return a;
  }

  @Override
  public void close() {
    manager.close();
  }
}
