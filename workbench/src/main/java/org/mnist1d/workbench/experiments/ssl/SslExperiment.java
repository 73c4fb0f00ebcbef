package org.mnist1d.workbench.experiments.ssl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.mnist1d.LegacyRandom;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.InfoNce;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.SimClrEncoder;
import org.mnist1d.workbench.nn.StepScope;
import org.mnist1d.workbench.probe.Metric;
import org.mnist1d.workbench.probe.ProbeAccuracy;
import org.mnist1d.workbench.train.FusedAdam;
import org.mnist1d.workbench.train.ObjectiveTraining;

/**
 * {@code ssl}: SimCLR on MNIST-1D as the upstream notebook trains it. Each epoch a NumPy {@code
 * permutation} of the training set cut into batches (the remainder dropped); each batch augmented
 * twice ({@link Augmentation}), both views through the encoder, the InfoNCE loss ({@link InfoNce},
 * temperature {@code training.tau}) and an Adam step. Every {@code probe_every} epochs: kNN (k 10,
 * cosine) on the embedding Z and the linear probe on the features H (standardised, multinomial
 * logistic regression with scikit-learn's objective); at the end the linear probe on every layer.
 * The raw pixels give the baselines (kNN Euclidean, linear).
 *
 * <p>Writes metrics.csv (one row per probe), {@code layers.csv}, {@code claims.csv} (measured
 * beside published), the final features {@code features.npz} ({@code h_train}, {@code h_test},
 * {@code z_train}, {@code z_test} as float64, {@code y_train}, {@code y_test} as int64: what the
 * {@code tsne} experiment reads), {@code features-untrained.npz} (the untrained encoder's {@code
 * z_train}), and {@code report/probes.png}, {@code report/layers.png}. A checkpoint at every probe:
 * {@code --resume} continues from the last one to the same numbers.
 *
 * <p>Seeds: the initialisation and NumPy's stream (permutations, shifts) from {@code seed} (the
 * notebook's {@code set_seed(42)}); the augmentation's normal draws from a Java generator seeded by
 * the seed and the epoch.
 */
public final class SslExperiment implements Experiment {
  /** The final features, an .npz archive (the layout the {@code tsne} experiment reads). */
  public static final String FEATURES_FILE = "features.npz";

  /** The untrained encoder's embedding of the training set. */
  public static final String UNTRAINED_FILE = "features-untrained.npz";

  static final List<String> COLUMNS = List.of("epoch", "loss", "knn_acc", "linear_acc", "seconds");
  static final List<String> PROJECTORS = List.of("standard", "none", "deep");

  @Override
  public String name() {
    return "ssl";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("channels", 25);
    model.put("width", 125);
    model.put("output_dim", 16);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("epochs", 200);
    training.put("batch", 100);
    training.put("lr", 0.01);
    training.put("tau", 0.5);
    Map<String, Object> augment = new LinkedHashMap<>();
    augment.put("max_shift", 10);
    augment.put("slope_std", 0.04);
    augment.put("offset_std", 0.3);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("projector", "standard");
    d.put("model", model);
    d.put("training", training);
    d.put("augment", augment);
    d.put("probe_every", 10);
    return d;
  }

  @Override
  public long defaultSeed() {
    return 42;
  }

  @Override
  public void check(Config c) {
    Checks.oneOf(c, "projector", PROJECTORS);
    Checks.atLeast(c, "model.channels", 1);
    Checks.atLeast(c, "model.width", 1);
    Checks.atLeast(c, "model.output_dim", 1);
    Checks.atLeast(c, "training.epochs", 1);
    Checks.atLeast(c, "training.batch", 2);
    Checks.positive(c, "training.lr");
    Checks.positive(c, "training.tau");
    Checks.atLeast(c, "augment.max_shift", 0);
    Checks.nonNegative(c, "augment.slope_std");
    Checks.nonNegative(c, "augment.offset_std");
    Checks.atLeast(c, "probe_every", 1);
  }

  /** The generator of epoch {@code epoch}'s normal draws: a function of the seed and epoch. */
  static SplittableRandom normals(long seed, int epoch) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    Config c = ctx.config();
    Mnist1dData data = ctx.data();
    String projector = c.string("projector");
    SimClrEncoder encoder =
        new SimClrEncoder(
            data.seqLength(),
            c.integer("model.channels"),
            SimClrEncoder.Projector.named(projector),
            c.integer("model.width"),
            c.integer("model.output_dim"));
    int epochs = c.integer("training.epochs");
    int batch = c.integer("training.batch");
    int n = data.x().length;
    int batches = n / batch;
    if (batches == 0) {
      throw c.error("training.batch", "expected at most the " + n + " training examples");
    }
    int probeEvery = c.integer("probe_every");
    Augmentation augment =
        new Augmentation(
            c.integer("augment.max_shift"),
            c.number("augment.slope_std"),
            c.number("augment.offset_std"));

    double pixelKnn =
        ProbeAccuracy.nearestNeighbours(
            Metric.EUCLIDEAN, data.x(), data.y(), data.xTest(), data.yTest());
    double pixelLinear = ProbeAccuracy.linear(data.x(), data.y(), data.xTest(), data.yTest());
    ctx.result("pixel_knn_acc", pixelKnn);
    ctx.result("pixel_linear_acc", pixelLinear);
    ctx.result("parameters", encoder.parameterCount());

    Optional<Checkpoint> resume = ctx.resumeFrom();
    int start = resume.map(cp -> (int) cp.step()).orElse(0);
    LegacyRandom numpy = new LegacyRandom(c.seed());
    for (int e = 0; e < start; e++) {
      replayEpoch(numpy, n, batches, batch, augment);
    }
    MetricsLog log = ctx.metrics(COLUMNS);
    double[] last = {Double.NaN, Double.NaN, Double.NaN};
    try (NDManager m = NDManager.newBaseManager(ctx.device());
        ObjectiveTraining run =
            new ObjectiveTraining(
                encoder.parameters(),
                m,
                Initialization.values(encoder, c.seed()),
                null,
                DataType.FLOAT32,
                mm -> new FusedAdam(mm, c.number("training.lr")));
        Progress progress = ctx.progress("ssl " + projector, epochs)) {
      InfoNce loss = new InfoNce(m, c.number("training.tau"), DataType.FLOAT32);
      if (resume.isPresent()) {
        run.restore(resume.get().arrays(), start * batches);
      } else {
        Npz.writeArrays(
            ctx.dir().resolve(UNTRAINED_FILE),
            Map.of("z_train", matrix(forward(run, encoder, data.x(), false))));
      }
      long t0 = System.nanoTime();
      for (int epoch = start; epoch < epochs; epoch++) {
        int[] perm = numpy.permutation(n);
        SplittableRandom normals = normals(c.seed(), epoch);
        double sum = 0;
        for (int b = 0; b < batches; b++) {
          double[][] rows = new double[batch][];
          for (int i = 0; i < batch; i++) {
            rows[i] = data.x()[perm[b * batch + i]];
          }
          double[] v1 = augment.view(rows, numpy, normals);
          double[] v2 = augment.view(rows, numpy, normals);
          Shape shape = new Shape(batch, data.seqLength());
          double l =
              run.step(
                  (p, scope) ->
                      loss.loss(
                          encoder.forward(p, view(scope, v1, shape)),
                          encoder.forward(p, view(scope, v2, shape))));
          if (!Double.isFinite(l)) {
            throw new RunFailure(
                "diverged in epoch " + (epoch + 1) + ", batch " + b + ": loss " + l);
          }
          sum += l;
        }
        double meanLoss = sum / batches;
        if ((epoch + 1) % probeEvery == 0 || epoch == epochs - 1) {
          double[][] zTrain = forward(run, encoder, data.x(), false);
          double[][] zTest = forward(run, encoder, data.xTest(), false);
          double[][] hTrain = forward(run, encoder, data.x(), true);
          double[][] hTest = forward(run, encoder, data.xTest(), true);
          double knn =
              ProbeAccuracy.nearestNeighbours(Metric.COSINE, zTrain, data.y(), zTest, data.yTest());
          double linear = ProbeAccuracy.linear(hTrain, data.y(), hTest, data.yTest());
          log.log(epoch + 1, meanLoss, knn, linear, (System.nanoTime() - t0) / 1e9);
          last = new double[] {meanLoss, knn, linear};
          ctx.checkpoint(epoch + 1, run.snapshot(), Map.of());
        }
        progress.at(
            epoch + 1,
            Double.isNaN(last[1])
                ? String.format(Locale.ROOT, "loss %.3f", meanLoss)
                : String.format(
                    Locale.ROOT, "loss %.3f kNN %.1f%% linear %.1f%%", meanLoss, last[1], last[2]));
      }
      // the final features, for the t-SNE figure and for notebooks
      Map<String, byte[]> features = new LinkedHashMap<>();
      features.put("h_train", matrix(forward(run, encoder, data.x(), true)));
      features.put("h_test", matrix(forward(run, encoder, data.xTest(), true)));
      features.put("z_train", matrix(forward(run, encoder, data.x(), false)));
      features.put("z_test", matrix(forward(run, encoder, data.xTest(), false)));
      features.put("y_train", Npy.int64(data.y()));
      features.put("y_test", Npy.int64(data.yTest()));
      Npz.writeArrays(ctx.dir().resolve(FEATURES_FILE), features);
      List<double[][]> trainLayers = layers(run, encoder, data.x());
      List<double[][]> testLayers = layers(run, encoder, data.xTest());
      SslReport.write(ctx, projector, trainLayers, testLayers, data, pixelKnn, pixelLinear);
    }
    List<Map<String, String>> rows = SslReport.read(ctx.dir().resolve("metrics.csv"));
    Map<String, String> end = rows.get(rows.size() - 1);
    ctx.result("knn_acc", Double.parseDouble(end.get("knn_acc")));
    ctx.result("linear_acc", Double.parseDouble(end.get("linear_acc")));
    ctx.result("final_loss", Double.parseDouble(end.get("loss")));
    ctx.result(
        "best_knn_acc",
        rows.stream().mapToDouble(r -> Double.parseDouble(r.get("knn_acc"))).max().orElseThrow());
    ctx.result(
        "best_linear_acc",
        rows.stream()
            .mapToDouble(r -> Double.parseDouble(r.get("linear_acc")))
            .max()
            .orElseThrow());
    ctx.result("epochs", epochs);
    SslReport.figures(ctx, projector, rows, pixelKnn, pixelLinear);
  }

  /** Advances NumPy's stream over one epoch's draws without training (a resumed run). */
  static void replayEpoch(LegacyRandom numpy, int n, int batches, int batch, Augmentation a) {
    numpy.permutation(n);
    if (a.maxShift() > 0) {
      for (int k = 0; k < 2 * batches * batch; k++) {
        numpy.interval(a.maxShift() - 1L);
      }
    }
  }

  private static NDArray view(StepScope scope, double[] values, Shape shape) {
    return ArrayValues.of(scope.manager(), values, shape, DataType.FLOAT32);
  }

  /** Z (or H) of every row of {@code x}, without gradients. */
  private static double[][] forward(
      ObjectiveTraining run, SimClrEncoder encoder, double[][] x, boolean features) {
    NDManager owner = run.parameters().get(0).getManager();
    try (StepScope scope = new StepScope(owner)) {
      NDArray in = input(scope, x);
      scope.use(run.parameters());
      NDArray out =
          features ? encoder.features(run.parameters(), in) : encoder.forward(run.parameters(), in);
      return rows(out);
    }
  }

  /** Every layer's output for {@code x}, the raw inputs first. */
  private static List<double[][]> layers(
      ObjectiveTraining run, SimClrEncoder encoder, double[][] x) {
    NDManager owner = run.parameters().get(0).getManager();
    List<double[][]> out = new ArrayList<>();
    out.add(x);
    try (StepScope scope = new StepScope(owner)) {
      NDArray in = input(scope, x);
      scope.use(run.parameters());
      NDList all = encoder.layers(run.parameters(), in);
      all.forEach(a -> out.add(rows(a)));
    }
    return out;
  }

  private static NDArray input(StepScope scope, double[][] x) {
    double[] flat = new double[x.length * x[0].length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
    }
    return ArrayValues.of(
        scope.manager(), flat, new Shape(x.length, x[0].length), DataType.FLOAT32);
  }

  private static double[][] rows(NDArray a) {
    double[] v = ArrayValues.values(a);
    int rows = (int) a.getShape().get(0);
    int cols = v.length / rows;
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, out[i], 0, cols);
    }
    return out;
  }

  private static byte[] matrix(double[][] m) {
    return Npy.float64(m, m[0].length);
  }

  /** The run's probes, layers and claims beside the published numbers, and its figures. */
  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(SslExperiment.class, "run-report.yaml"));
  }
}
