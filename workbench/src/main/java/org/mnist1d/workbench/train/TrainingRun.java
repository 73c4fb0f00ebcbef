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
import org.mnist1d.workbench.nn.ParameterVector;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Ordinary training of a {@link Model}: mini-batches taken in order (batch {@code s} starts at
 * {@code (s * B) mod n}, shorter at the end when B does not divide n), one autograd backward per
 * step, and an {@link FusedOptimizer} update outside autograd. Each step's intermediates live on a
 * scoped manager that is closed at the end of the step, so memory stays flat.
 *
 * <p>The parameters live end to end in one flat autograd leaf ({@link ParameterVector}); each step
 * takes the model's tensors as views of it, so the backward gathers every gradient into one buffer
 * and the optimiser makes one fused update for all of them.
 */
public final class TrainingRun implements AutoCloseable {
  private final Model model;
  private final ParameterVector layout;
  private final NDManager manager;
  private final List<Split> batches = new ArrayList<>();
  private final Split train;
  private final Split test;
  private final FusedOptimizer optimizer;
  private NDArray vector;
  private NDList params;
  private NDList gradient;
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
    this.layout = ParameterVector.of(model);
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
    setParameters(ArrayValues.of(manager, layout.concat(initial), layout.shape(), type));
  }

  /**
   * Makes {@code values} (the flat vector, on this run's manager) the parameters: an autograd leaf
   * that keeps one gradient buffer, and its tensors as views for readers.
   */
  private void setParameters(NDArray values) {
    if (vector != null) {
      params.close();
      vector.close();
    }
    if (gradient != null) {
      gradient.close();
      gradient = null;
    }
    vector = values;
    vector.setRequiresGradient(true);
    // views of a detached alias: they share the vector's memory, so they follow its in-place
    // updates, and autograd does not track them
    try (NDArray alias = vector.stopGradient()) {
      params = layout.views(alias);
      params.attach(manager);
    }
  }

  /** Convenience: PyTorch default initialisation from {@code seed}. */
  public static List<double[]> initial(Model model, long seed) {
    return Initialization.values(model, seed);
  }

  /** The step reached (number of updates made). */
  public int step() {
    return step;
  }

  /**
   * The current parameters in the model's shapes (views of the run's memory: they follow the
   * updates; owned by this run, so copy what must outlive it).
   */
  public NDList parameters() {
    return params;
  }

  /** One update on the next batch; returns the batch's loss before the update. */
  public double update() {
    Split batch = batches.get(step % batches.size());
    double loss;
    try (StepScope scope = new StepScope(manager)) {
      scope.use(vector);
      scope.use(batch.x(), batch.negTargets());
      NDArray logProbs;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        logProbs = model.forward(layout.views(vector), batch.x()).logSoftmax(1);
        // the loss is sum(logProbs * negTargets): its gradient with respect to logProbs is
        // negTargets, so the backward starts there, without the product and sum in the graph
        Backward.seeded(gc, logProbs, batch.negTargets());
      }
      // The vector is a leaf that keeps its gradient buffer; the optimiser updates it in place
      // with autograd off (whatever this thread's grad mode: a notebook kernel may step from any
      // thread) and zeroes the gradient for the next backward.
      optimizer.update(new NDList(vector), gradient(), step);
      loss = ArrayValues.value(batch.lossOfLogProbabilities(logProbs));
    }
    step++;
    return loss;
  }

  /**
   * The vector's gradient buffer. The engine accumulates each backward into the same buffer (in
   * place, once it exists) and the optimiser zeroes it in place, so the handle is taken once, after
   * the first backward, and kept until the parameters are replaced.
   */
  private NDList gradient() {
    if (gradient == null) {
      NDArray g = vector.getGradient();
      g.attach(manager);
      gradient = new NDList(g);
    }
    return gradient;
  }

  /**
   * The values in the parameters' gradient buffer, in the flat layout (all zeros before the first
   * step and after each update: the optimiser clears it, so backward passes never accumulate).
   */
  public double[] gradientValues() {
    return vector.hasGradient()
        ? ArrayValues.values(gradient().get(0))
        : new double[(int) layout.size()];
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
    List<double[]> values = layout.split(ArrayValues.values(vector));
    for (int i = 0; i < names.size(); i++) {
      out.put("param." + names.get(i), values.get(i));
    }
    NDList state = optimizer.state();
    // each state array is laid out like the vector; the names go parameter by parameter, state
    // array by state array (adam.m.w1, adam.m.b1, ..., adam.v.w1, ...)
    List<String> stateNames = state.isEmpty() ? List.of() : optimizer.stateNames(names);
    for (int k = 0; k < state.size(); k++) {
      List<double[]> parts = layout.split(ArrayValues.values(state.get(k)));
      for (int i = 0; i < names.size(); i++) {
        out.put(stateNames.get(k * names.size() + i), parts.get(i));
      }
    }
    return out;
  }

  /** Restores a {@link #snapshot()} taken at {@code atStep}. */
  public void restore(Map<String, double[]> snapshot, int atStep) {
    List<String> names = parameterNames();
    List<double[]> values = new ArrayList<>();
    for (String name : names) {
      values.add(required(snapshot, "param." + name));
    }
    NDList state = new NDList();
    List<String> stateNames = optimizer.stateNames(names);
    if (stateNames.stream().anyMatch(snapshot::containsKey)) {
      for (int k = 0; k < stateNames.size() / names.size(); k++) {
        List<double[]> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          parts.add(required(snapshot, stateNames.get(k * names.size() + i)));
        }
        state.add(flat(parts));
      }
    }
    setParameters(flat(values));
    optimizer.restore(state);
    step = atStep;
  }

  private List<String> parameterNames() {
    return model.parameters().stream().map(ParameterSpec::name).toList();
  }

  /** Per-parameter values as one vector of the run's type, on its manager. */
  private NDArray flat(List<double[]> values) {
    return ArrayValues.of(manager, layout.concat(values), layout.shape(), vector.getDataType());
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
