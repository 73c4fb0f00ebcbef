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
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Backward;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.ParameterSpec;
import org.mnist1d.workbench.nn.ParameterVector;
import org.mnist1d.workbench.nn.StepScope;

/**
 * Ordinary training of a {@link Model}: mini-batches taken in order (batch {@code s} starts at
 * {@code (s * B) mod n}, shorter at the end when B does not divide n) or reshuffled each epoch
 * ({@link BatchOrder}), one autograd backward per step, and an {@link FusedOptimizer} update
 * outside autograd. Each step's intermediates live on a scoped manager that is closed at the end of
 * the step, so memory stays flat.
 *
 * <p>The parameters live end to end in one flat autograd leaf ({@link ParameterVector}); each step
 * takes the model's tensors as views of it, so the backward gathers every gradient into one buffer
 * and the optimiser makes one fused update for all of them.
 */
public final class TrainingRun implements AutoCloseable {
  private static final int CLASSES = 10;

  private final Model model;
  private final NDManager manager;
  private final Settings settings;
  private final double[][] x;
  private final int[] y;
  private final int batchesPerEpoch;
  // IN_ORDER: every distinct batch, sliced once. SHUFFLED: the current epoch's batches.
  private final List<Split> batches = new ArrayList<>();
  private EpochShuffle shuffle;
  private NDManager epochManager;
  private int epochSliced = -1;
  private final List<Split> train;
  private final List<Split> test;
  private final FlatParameters params;
  private int step;

  /**
   * Losses, and how many examples were classified correctly, on the train and test sets at one
   * step. Accuracies and errors (percent) come from the counts, so that an error of 4113 in 12000
   * is 34.275, not 100 - 65.725 = 34.275000000000006.
   */
  public record Evaluation(
      int step,
      double trainLoss,
      long trainCorrect,
      long trainSize,
      double testLoss,
      long testCorrect,
      long testSize) {
    /** Accuracy on the train set, percent. */
    public double trainAcc() {
      return percent(trainCorrect, trainSize);
    }

    /** Accuracy on the test set, percent. */
    public double testAcc() {
      return percent(testCorrect, testSize);
    }

    /** Error on the train set, percent. */
    public double trainError() {
      return percent(trainSize - trainCorrect, trainSize);
    }

    /** Error on the test set, percent. */
    public double testError() {
      return percent(testSize - testCorrect, testSize);
    }

    private static double percent(long count, long size) {
      return 100.0 * count / size;
    }
  }

  /** Mean loss and correct count over one set. */
  private record Score(double loss, long correct, long size) {}

  /** How mini-batches are drawn from the training set. */
  public enum BatchOrder {
    /**
     * In order, as the reference's {@code train_model}: batch {@code s} starts at {@code (s * B)
     * mod n}, shorter at the end when B does not divide n.
     */
    IN_ORDER,
    /**
     * A fresh random permutation each epoch, cut into batches of B (the last one shorter when B
     * does not divide n), as a shuffling {@code DataLoader}; the permutations come from one
     * generator seeded with {@link Settings#shuffleSeed()} ({@link EpochShuffle}).
     */
    SHUFFLED
  }

  /**
   * How to train: batch size and order, the optimiser ({@code adam}, or {@code sgd} with {@code
   * momentum}, 0 for plain SGD) and its learning rate, and the parameters' data type.
   */
  public record Settings(
      int batch,
      BatchOrder order,
      long shuffleSeed,
      String optimizer,
      double lr,
      double momentum,
      DataType type) {
    /** In-order batches, no momentum: the reference harness. */
    public static Settings inOrder(int batch, String optimizer, double lr, DataType type) {
      return new Settings(batch, BatchOrder.IN_ORDER, 0, optimizer, lr, 0, type);
    }
  }

  /**
   * Evaluation forwards at most this many examples at once. Small enough that the activations (1.6
   * MB for the pooling model's first layer) are reused from the C heap: glibc maps larger blocks
   * afresh each time and faults them in page by page, which took more CPU than the forward itself
   * (10,000 at once: four times the evaluation's wall time on 50,000 examples).
   */
  static final int EVALUATION_CHUNK = 500;

  /**
   * A run of {@code model} from parameters {@code initial} (flat values in the model's order), with
   * in-order batches.
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
    this(
        model,
        parent,
        x,
        y,
        xTest,
        yTest,
        Settings.inOrder(batch, optimizerName, lr, type),
        initial);
  }

  /** A run of {@code model} from parameters {@code initial}, trained as {@code settings} say. */
  public TrainingRun(
      Model model,
      NDManager parent,
      double[][] x,
      int[] y,
      double[][] xTest,
      int[] yTest,
      Settings settings,
      List<double[]> initial) {
    this.model = model;
    this.manager = parent.newSubManager();
    this.settings = settings;
    this.x = x;
    this.y = y;
    DataType type = settings.type();
    int batch = settings.batch();
    this.batchesPerEpoch = (x.length + batch - 1) / batch;
    if (settings.order() == BatchOrder.IN_ORDER) {
      for (int start = 0; ; start = (start + batch) % x.length) {
        // in-order batches repeat with period lcm(n, B)/B; slice each distinct one once
        if (!batches.isEmpty() && start == 0) {
          break;
        }
        batches.add(
            Split.of(manager, x, y, start, Math.min(start + batch, x.length), CLASSES, type));
      }
    } else {
      this.shuffle = new EpochShuffle(x.length, settings.shuffleSeed());
    }
    this.train = chunks(manager, x, y, type);
    this.test = chunks(manager, xTest, yTest, type);
    FusedOptimizer optimizer =
        switch (settings.optimizer()) {
          case "adam" -> new FusedAdam(manager, settings.lr());
          case "sgd" -> new FusedSgd(manager, settings.lr(), settings.momentum());
          default ->
              throw new IllegalArgumentException(
                  "optimizer: expected adam or sgd, got '" + settings.optimizer() + "'");
        };
    this.params = new FlatParameters(model.parameters(), manager, optimizer, initial, type);
  }

  private static List<Split> chunks(NDManager manager, double[][] x, int[] y, DataType type) {
    List<Split> out = new ArrayList<>();
    for (int from = 0; from < x.length; from += EVALUATION_CHUNK) {
      out.add(
          Split.of(
              manager, x, y, from, Math.min(from + EVALUATION_CHUNK, x.length), CLASSES, type));
    }
    return out;
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
    return params.views();
  }

  /** Batches per epoch: {@code ceil(n / B)}. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** One update on the next batch; returns the batch's loss before the update. */
  public double update() {
    Split batch = nextBatch();
    double loss;
    try (StepScope scope = new StepScope(manager)) {
      scope.use(params.vector());
      scope.use(batch.x(), batch.negTargets());
      NDArray logProbs;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        logProbs = model.forward(params.trainable(), batch.x()).logSoftmax(1);
        // the loss is sum(logProbs * negTargets): its gradient with respect to logProbs is
        // negTargets, so the backward starts there, without the product and sum in the graph
        Backward.seeded(gc, logProbs, batch.negTargets());
      }
      params.update(step);
      loss = ArrayValues.value(batch.lossOfLogProbabilities(logProbs));
    }
    step++;
    return loss;
  }

  private Split nextBatch() {
    if (settings.order() == BatchOrder.IN_ORDER) {
      return batches.get(step % batches.size());
    }
    int epoch = step / batchesPerEpoch;
    if (epoch != epochSliced) {
      slice(shuffle.order(epoch));
      epochSliced = epoch;
    }
    return batches.get(step % batchesPerEpoch);
  }

  /** Cuts the epoch's order into batches on a fresh manager (the last epoch's are freed). */
  private void slice(int[] perm) {
    if (epochManager != null) {
      epochManager.close();
    }
    batches.clear();
    epochManager = manager.newSubManager();
    int n = perm.length;
    double[][] xs = new double[n][];
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      xs[i] = x[perm[i]];
      ys[i] = y[perm[i]];
    }
    for (int from = 0; from < n; from += settings.batch()) {
      batches.add(
          Split.of(
              epochManager,
              xs,
              ys,
              from,
              Math.min(from + settings.batch(), n),
              CLASSES,
              settings.type()));
    }
  }

  /**
   * Loss and accuracy on the whole train and test sets (no gradients), forwarded in chunks of at
   * most {@value #EVALUATION_CHUNK} examples.
   */
  public Evaluation evaluate() {
    Score tr = score(train);
    Score te = score(test);
    return new Evaluation(
        step, tr.loss(), tr.correct(), tr.size(), te.loss(), te.correct(), te.size());
  }

  private Score score(List<Split> chunks) {
    long total = chunks.stream().mapToLong(Split::size).sum();
    double loss = 0;
    long correct = 0;
    for (Split split : chunks) {
      try (StepScope scope = new StepScope(manager)) {
        scope.use(params.views());
        scope.use(split.x(), split.negTargets(), split.labels());
        NDArray logits = model.forward(params.views(), split.x());
        double w = (double) split.size() / total;
        loss += w * ArrayValues.value(split.loss(logits));
        correct += split.correct(logits);
      }
    }
    // counted, not summed as percentages: 96.235, not 96.23500000000001
    return new Score(loss, correct, total);
  }

  /**
   * Parameters and optimiser state as flat values keyed by name, for a checkpoint: {@code
   * param.NAME} for each parameter ({@link ParameterSpec#name()}), then the optimiser's arrays
   * ({@code adam.m.NAME}, ...).
   */
  public Map<String, double[]> snapshot() {
    return params.snapshot();
  }

  /** Restores a {@link #snapshot()} taken at {@code atStep}. */
  public void restore(Map<String, double[]> snapshot, int atStep) {
    params.restore(snapshot);
    step = atStep;
    epochSliced = -1; // the next update slices the epoch of the restored step
  }

  @Override
  public void close() {
    manager.close();
  }
}
