package org.mnist1d.workbench.run;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.MetricsLog;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.experiment.RunContext;

/** A {@link RunContext} over a run directory: metrics.csv, checkpoint.npz, summary.json. */
final class RunDirectoryContext implements RunContext {
  private final RunDirectory dir;
  private final Config config;
  private final Map<String, Object> params;
  private final Device device;
  private final Summary summary;
  private final Optional<Checkpoint> resumeFrom;
  private final BiFunction<String, Long, Progress> progress;
  private MetricsLog metrics;

  RunDirectoryContext(
      RunDirectory dir,
      Config config,
      Map<String, Object> params,
      Device device,
      Summary summary,
      Optional<Checkpoint> resumeFrom,
      BiFunction<String, Long, Progress> progress) {
    this.dir = dir;
    this.config = config;
    this.params = params;
    this.device = device;
    this.summary = summary;
    this.resumeFrom = resumeFrom;
    this.progress = progress;
  }

  @Override
  public Config config() {
    return config;
  }

  /** The values that tell this run apart within its sweep. */
  @Override
  public Map<String, Object> params() {
    return params;
  }

  @Override
  public Device device() {
    return device;
  }

  /** The run directory (for files the experiment writes itself: figures, arrays). */
  @Override
  public Path dir() {
    return dir.path();
  }

  /** The dataset of the config's {@code dataset:} section, from the on-disk cache. */
  @Override
  public Mnist1dData data() {
    return DatasetCache.atDefaultLocation().get(config.dataset());
  }

  /** Opens metrics.csv with these columns (once per run; a resumed run keeps its earlier rows). */
  @Override
  public MetricsLog metrics(List<String> columns) {
    if (metrics != null) {
      throw new IllegalStateException("metrics already opened");
    }
    try {
      long keep = resumeFrom.map(Checkpoint::metricRows).orElse(0L);
      metrics = MetricsLog.open(dir.file(RunDirectory.METRICS), columns, keep);
      return metrics;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint to continue from when this run is resumed. */
  @Override
  public Optional<Checkpoint> resumeFrom() {
    return resumeFrom;
  }

  /** Saves a checkpoint; {@code metricRows} is taken from the open metrics log. */
  @Override
  public void checkpoint(long step, Map<String, double[]> arrays, Map<String, Object> values) {
    dir.saveCheckpoint(new Checkpoint(step, metrics == null ? 0 : metrics.rows(), arrays, values));
  }

  /** Records a final figure in summary.json under {@code results} (dotted keys nest). */
  @Override
  public void result(String key, Object value) {
    summary.result(key, value);
  }

  /** Progress over {@code total} units, where the runner sends it (stderr, a worker, nowhere). */
  @Override
  public Progress progress(String label, long total) {
    return progress.apply(label, total);
  }

  void closeMetrics() throws IOException {
    if (metrics != null) {
      metrics.close();
    }
  }
}
