package org.mnist1d.workbench.experiments.tsne;

import java.util.List;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.bench.BenchSuite;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.embedding.Embedding;
import org.mnist1d.workbench.embedding.Tsne;
import org.mnist1d.workbench.embedding.TsneSettings;

/**
 * {@code tsne-mnist1d-N}: the whole t-SNE (affinities, PCA start, 750 steps) of the first N points
 * of the default MNIST-1D dataset, train then test, with openTSNE's defaults; N = 5000 is the
 * upstream notebook's run, on {@code bench --threads N} threads (default 1).
 */
public record TsneWorkload(int points) implements BenchWorkload {

  /** The upstream run (5000 points) and a quick one (1000). */
  public static final class Suite implements BenchSuite {
    @Override
    public List<BenchWorkload> workloads() {
      return List.of(new TsneWorkload(1000), new TsneWorkload(5000));
    }
  }

  /** The property {@code bench --threads} sets (PyTorch's thread count; used here likewise). */
  static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  @Override
  public String name() {
    return "tsne-mnist1d-" + points;
  }

  @Override
  public String description() {
    return "exact t-SNE of "
        + points
        + " MNIST-1D inputs (40-D), openTSNE's schedule: affinities, PCA, 250 + 500 steps";
  }

  @Override
  public int warmup() {
    return points >= 5000 ? 0 : 1;
  }

  @Override
  public int iterations() {
    return points >= 5000 ? 1 : 3;
  }

  @Override
  public Trial prepare() {
    Mnist1dData d = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
    Points all = Points.of(d.x(), d.y(), d.xTest(), d.yTest(), "all", "MNIST-1D inputs");
    double[][] x = java.util.Arrays.copyOf(all.x(), Math.min(points, all.size()));
    String property = System.getProperty(THREADS_PROPERTY);
    int threads =
        property != null ? Integer.parseInt(property) : Runtime.getRuntime().availableProcessors();
    TsneSettings settings = TsneSettings.openTsneDefaults().withThreads(threads);
    return new Trial() {
      private Embedding last;

      @Override
      public void runOnce() {
        last = Tsne.embed(x, settings);
        if (!Double.isFinite(last.klDivergence())) {
          throw new IllegalStateException("KL divergence " + last.klDivergence());
        }
      }
    };
  }
}
