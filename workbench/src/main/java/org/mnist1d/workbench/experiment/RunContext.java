package org.mnist1d.workbench.experiment;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.Mnist1dData;

/**
 * What an experiment sees of its run: config, data, device, metrics, checkpoints and results. The
 * run machinery (package {@code run}) implements it over a run directory; tests and notebooks may
 * implement it otherwise.
 */
public interface RunContext {
  /** The resolved config of this run. */
  Config config();

  /** The values that tell this run apart within its sweep. */
  Map<String, Object> params();

  /** The device the config's {@code device:} resolved to. */
  Device device();

  /** The run directory (for files the experiment writes itself: figures, arrays). */
  Path dir();

  /** The dataset of the config's {@code dataset:} section. */
  Mnist1dData data();

  /** Opens metrics.csv with these columns (once per run; a resumed run keeps its earlier rows). */
  MetricsLog metrics(List<String> columns);

  /** The checkpoint to continue from when this run is resumed. */
  Optional<Checkpoint> resumeFrom();

  /** Saves a checkpoint; the metric rows written so far are recorded with it. */
  void checkpoint(long step, Map<String, double[]> arrays, Map<String, Object> values);

  /** Records a final figure in summary.json under {@code results} (dotted keys nest). */
  void result(String key, Object value);

  /** Progress over {@code total} units on stderr (silent when the runner was asked so). */
  Progress progress(String label, long total);
}
