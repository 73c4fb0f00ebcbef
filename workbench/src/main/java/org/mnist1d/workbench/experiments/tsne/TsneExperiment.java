package org.mnist1d.workbench.experiments.tsne;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.workbench.embedding.Embedding;
import org.mnist1d.workbench.embedding.EmbeddingQuality;
import org.mnist1d.workbench.embedding.Tsne;
import org.mnist1d.workbench.embedding.TsneSettings;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiment;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;
import org.mnist1d.workbench.experiment.RunFailure;
import org.mnist1d.workbench.figures.ChartImages;
import org.mnist1d.workbench.figures.EmbeddingFigure;
import org.mnist1d.workbench.idx.IdxDataset;

/**
 * A t-SNE of one set of points ({@code source}): MNIST-1D's inputs (the {@code dataset:} section,
 * train and test together, as the upstream notebook), the penultimate layer of a finished {@code
 * classification} run, the features a finished {@code ssl} run saved, or an image dataset in
 * MNIST's IDX format. openTSNE's default schedule with the exact gradient (docs/embedding.md).
 * Writes {@code embedding.csv} (x, y, label, split) and {@code embedding.png}/{@code .svg}; results
 * {@code kl_divergence}, {@code knn_acc} (leave-one-out k-NN accuracy in the embedding: how
 * clustered the classes are) beside {@code knn_acc_input} (the same in the input space) and {@code
 * wall_time_s}.
 */
public final class TsneExperiment implements Experiment {
  /** The values {@code source} takes. */
  public static final List<String> SOURCES = List.of("mnist1d", "ssl", "classification", "idx");

  /** Exact t-SNE is O(N^2) per step: beyond this many points a run would take hours. */
  public static final int MAX_POINTS = 20000;

  static final List<String> COLUMNS = List.of("iteration", "kl_divergence");

  @Override
  public String name() {
    return "tsne";
  }

  @Override
  public Map<String, Object> defaults() {
    Map<String, Object> tsne = new LinkedHashMap<>();
    tsne.put("perplexity", 30.0);
    tsne.put("early_iterations", 250);
    tsne.put("early_exaggeration", 12.0);
    tsne.put("iterations", 500);
    tsne.put("momentum", 0.8);
    tsne.put("threads", 0);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("source", "mnist1d");
    d.put("run", "");
    d.put("features", "h");
    d.put("idx_dir", "");
    d.put("split", "all");
    d.put("subsample", 0);
    d.put("knn_k", 10);
    d.put("tsne", tsne);
    return d;
  }

  @Override
  public void check(Config c) {
    Checks.oneOf(c, "source", SOURCES);
    Checks.oneOf(c, "features", List.of("h", "z"));
    Checks.oneOf(c, "split", List.of("all", "train", "test"));
    Checks.atLeast(c, "subsample", 0);
    Checks.atLeast(c, "knn_k", 1);
    Checks.positive(c, "tsne.perplexity");
    Checks.atLeast(c, "tsne.early_iterations", 0);
    Checks.positive(c, "tsne.early_exaggeration");
    Checks.atLeast(c, "tsne.iterations", 0);
    Checks.nonNegative(c, "tsne.momentum");
    if (!(c.number("tsne.momentum") < 1)) {
      throw c.error("tsne.momentum", "expected a number in [0, 1), got " + c.get("tsne.momentum"));
    }
    Checks.atLeast(c, "tsne.threads", 0);
    String source = c.string("source");
    if (source.equals("ssl") || source.equals("classification")) {
      String file = source.equals("ssl") ? SslFeatures.FILE : PenultimateLayer.WEIGHTS;
      String run = c.string("run");
      if (run.isBlank()) {
        throw c.error(
            "run",
            "source "
                + source
                + " reads a finished "
                + source
                + " run: name its directory (run: runs/...)");
      }
      // a pattern (the newest matching run) is resolved when the run starts
      if (!SourceRun.isPattern(run) && !Files.isRegularFile(Path.of(run).resolve(file))) {
        throw c.error(
            "run",
            "'"
                + run
                + "' has no "
                + file
                + (Files.isDirectory(Path.of(run)) ? "" : " (no such directory)")
                + "; expected a finished "
                + source
                + " run's directory");
      }
    }
    if (source.equals("idx")) {
      String dir = c.string("idx_dir");
      if (dir.isBlank() || !IdxDataset.present(Path.of(dir))) {
        throw c.error(
            "idx_dir",
            "expected a directory with MNIST's files ("
                + String.join(", ", IdxDataset.FILES)
                + ", each optionally .gz), got '"
                + dir
                + "'");
      }
      if (c.integer("subsample") == 0) {
        throw c.error(
            "subsample",
            "an IDX dataset such as MNIST (70000 images) is too big for exact t-SNE: set a"
                + " subsample, e.g. 5000");
      }
    }
  }

  @Override
  public void run(RunContext ctx) throws IOException {
    Config c = ctx.config();
    Points points = load(ctx).subsample(c.integer("subsample"), c.seed());
    if (points.size() > MAX_POINTS) {
      throw new RunFailure(
          points.size()
              + " points are too many for exact t-SNE (at most "
              + MAX_POINTS
              + "): set subsample");
    }
    if (points.size() < 4) {
      throw new RunFailure("t-SNE needs at least 4 points, got " + points.size());
    }
    TsneSettings settings = settings(c);
    int total = settings.earlyIterations() + settings.iterations();
    MetricsLog log = ctx.metrics(COLUMNS);
    long start = System.nanoTime();
    Embedding e;
    try (Progress progress = ctx.progress("tsne " + c.string("source"), total)) {
      e =
          Tsne.embed(
              points.x(),
              settings,
              k -> {
                log.log(k.iteration(), k.klDivergence());
                progress.at(k.iteration(), String.format(Locale.ROOT, "KL %.4f", k.klDivergence()));
              });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!Double.isFinite(e.klDivergence())) {
      throw new RunFailure("the KL divergence is " + e.klDivergence() + " at the end");
    }
    int k = Math.min(c.integer("knn_k"), points.size() - 1);
    double knn = EmbeddingQuality.knnAccuracy(e.y(), points.labels(), k);
    double knnInput = EmbeddingQuality.knnAccuracy(points.x(), points.labels(), k);
    writeCsv(ctx.dir().resolve("embedding.csv"), e.y(), points);
    String title =
        String.format(Locale.ROOT, "%s: %d-NN accuracy %.3f", points.description(), k, knn);
    ChartImages.save(
        ctx.dir().resolve("embedding.png"), EmbeddingFigure.draw(title, e.y(), points.labels()));
    ctx.result("input", points.description());
    ctx.result("points", points.size());
    ctx.result("dimensions", points.dimensions());
    ctx.result("kl_divergence", e.klDivergence());
    ctx.result("kl_divergence_early", e.earlyKlDivergence());
    ctx.result("knn_acc", knn);
    ctx.result("knn_acc_input", knnInput);
    ctx.result("knn_k", k);
    ctx.result("wall_time_s", seconds);
    ctx.result("threads", settings.threads());
  }

  /** The points {@code source} names (all of them; the caller subsamples). */
  static Points load(RunContext ctx) throws IOException {
    Config c = ctx.config();
    String split = c.string("split");
    return switch (c.string("source")) {
      case "mnist1d" -> {
        var d = ctx.data();
        yield Points.of(
            d.x(), d.y(), d.xTest(), d.yTest(), split, "MNIST-1D inputs (" + d.seqLength() + "-D)");
      }
      case "classification" ->
          PenultimateLayer.points(sourceRun(ctx, PenultimateLayer.WEIGHTS), split, ctx.device());
      case "ssl" ->
          SslFeatures.points(sourceRun(ctx, SslFeatures.FILE), c.string("features"), split);
      case "idx" -> {
        Path dir = Path.of(c.string("idx_dir"));
        IdxDataset d = IdxDataset.load(dir);
        yield Points.of(
            d.x(),
            d.y(),
            d.xTest(),
            d.yTest(),
            split,
            dir.toAbsolutePath().normalize().getFileName()
                + " images ("
                + d.rows()
                + "x"
                + d.columns()
                + " = "
                + d.rows() * d.columns()
                + "-D)");
      }
      default -> throw new IllegalStateException(c.string("source"));
    };
  }

  /** The run directory {@code run:} means (recorded as the result {@code source_run}). */
  private static Path sourceRun(RunContext ctx, String file) throws IOException {
    String run = ctx.config().string("run");
    Path dir =
        SourceRun.resolve(run, file)
            .orElseThrow(
                () ->
                    new RunFailure(
                        "run: no finished "
                            + ctx.config().string("source")
                            + " run matches '"
                            + run
                            + "' (none has "
                            + file
                            + "); make one first"));
    ctx.result("source_run", dir.toString());
    return dir;
  }

  /** openTSNE's defaults with the config's perplexity, phases, momentum and threads. */
  static TsneSettings settings(Config c) {
    TsneSettings d = TsneSettings.openTsneDefaults();
    int threads = c.integer("tsne.threads");
    return new TsneSettings(
        d.dimensions(),
        c.number("tsne.perplexity"),
        0,
        c.integer("tsne.early_iterations"),
        c.number("tsne.early_exaggeration"),
        c.number("tsne.momentum"),
        c.integer("tsne.iterations"),
        d.exaggeration(),
        c.number("tsne.momentum"),
        d.learningRate(),
        d.dof(),
        d.minGain(),
        d.maxGradNorm(),
        d.maxStepNorm(),
        d.checkpointEvery(),
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
  }

  /** x, y, label, split per point, in the points' order. */
  static void writeCsv(Path file, double[][] y, Points points) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
          w.write("x,y,label,split\n");
          for (int i = 0; i < y.length; i++) {
            w.write(
                y[i][0]
                    + ","
                    + y[i][1]
                    + ","
                    + points.labels()[i]
                    + ","
                    + points.splits()[i]
                    + "\n");
          }
          w.flush();
        });
  }

  /** The run's numbers, its KL curve and its figure. */
  @Override
  public Optional<String> defaultReport(Config config) {
    return Optional.of(Experiment.resourceText(TsneExperiment.class, "run-report.yaml"));
  }
}
