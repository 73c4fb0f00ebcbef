package org.mnist1d.workbench.experiments.tsne;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.PositionShuffle;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.WeightsFile;

/**
 * The penultimate-layer activations of a finished {@code classification} run's model on its own
 * dataset: the run's {@code config.yaml} names the model and the dataset, its {@code weights.npz}
 * holds the trained parameters (and {@code input.positions} when it trained on shuffled positions).
 * Computed in float32, as the model was trained.
 */
public final class PenultimateLayer {
  private PenultimateLayer() {}

  /** The file of trained parameters a classification run leaves. */
  public static final String WEIGHTS = "weights.npz";

  /** The run's model name, dataset and trained parameters. */
  record TrainedRun(Model model, Mnist1dArgs dataset, List<double[]> parameters, int[] positions) {}

  /** Reads what a classification run left in {@code dir}; an IOException says what is missing. */
  static TrainedRun read(Path dir) throws IOException {
    Path config = dir.resolve("config.yaml");
    Path weights = dir.resolve(WEIGHTS);
    if (!java.nio.file.Files.isRegularFile(weights)) {
      throw new IOException(
          dir
              + ": no "
              + WEIGHTS
              + " (a finished classification run leaves one; runs made before it existed do not)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> tree =
        new ObjectMapper(new YAMLFactory()).readValue(config.toFile(), Map.class);
    if (!"classification".equals(tree.get("experiment"))
        && !"quickstart".equals(tree.get("experiment"))) {
      throw new IOException(
          config + ": experiment is '" + tree.get("experiment") + "', not classification");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = (Map<String, Object>) tree.get("dataset");
    Mnist1dArgs args = Mnist1dArgs.fromMap(dataset);
    Model model = Models.named(String.valueOf(tree.get("model")), args.finalSeqLength(), 10);
    Map<String, Npy.Array> arrays = Npz.readArrays(weights);
    int[] positions = null;
    if (arrays.containsKey("input.positions")) {
      long[] p = arrays.get("input.positions").longs();
      positions = new int[p.length];
      for (int i = 0; i < p.length; i++) {
        positions[i] = Math.toIntExact(p[i]);
      }
    }
    return new TrainedRun(model, args, WeightsFile.read(weights, model), positions);
  }

  /** The run's dataset (train then test, as the run saw its inputs) and their activations. */
  static Points points(Path dir, String split, Device device) throws IOException {
    TrainedRun run = read(dir);
    Mnist1dData data = DatasetCache.atDefaultLocation().get(run.dataset());
    double[][] x = data.x();
    double[][] xTest = data.xTest();
    if (run.positions() != null) {
      x = PositionShuffle.apply(x, run.positions());
      xTest = PositionShuffle.apply(xTest, run.positions());
    }
    Model model = run.model();
    double[][] h = activations(model, run.parameters(), x, device);
    double[][] hTest = activations(model, run.parameters(), xTest, device);
    String description =
        model.name()
            + " penultimate layer ("
            + (h.length > 0 ? h[0].length : 0)
            + "-D"
            + (run.positions() != null ? ", shuffled positions" : "")
            + ")";
    return Points.of(h, data.y(), hTest, data.yTest(), split, description);
  }

  /** {@code model.penultimate} of {@code x} with the given parameters, as double rows. */
  public static double[][] activations(
      Model model, List<double[]> parameters, double[][] x, Device device) {
    if (x.length == 0) {
      return new double[0][];
    }
    int length = x[0].length;
    double[] flat = new double[x.length * length];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * length, length);
    }
    try (NDManager m = NDManager.newBaseManager(device)) {
      NDList params = Initialization.arrays(model, parameters, m, DataType.FLOAT32);
      NDArray input = ArrayValues.of(m, flat, new Shape(x.length, length), DataType.FLOAT32);
      NDArray h = model.penultimate(params, input);
      int d = Math.toIntExact(h.getShape().get(1));
      double[] values = ArrayValues.values(h);
      double[][] rows = new double[x.length][d];
      for (int i = 0; i < x.length; i++) {
        System.arraycopy(values, i * d, rows[i], 0, d);
      }
      return rows;
    }
  }
}
