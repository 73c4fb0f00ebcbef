package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;

/**
 * A model's parameters as a NumPy {@code .npz} archive: one float64 array per parameter, named and
 * shaped as in {@link Model#parameters()} ({@code np.load(f)["conv1.w"]} has shape (25, 1, 5)),
 * plus any extra named arrays the writer adds (e.g. an input permutation).
 */
public final class WeightsFile {
  private WeightsFile() {}

  /** Writes {@code params} (in the model's order) and {@code extra} arrays to {@code file}. */
  public static void write(Path file, Model model, NDList params, Map<String, byte[]> extra)
      throws IOException {
    List<ParameterSpec> specs = model.parameters();
    if (params.size() != specs.size()) {
      throw new IllegalArgumentException(
          model.name() + " has " + specs.size() + " parameters, got " + params.size());
    }
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      arrays.put(
          specs.get(i).name(), Npy.float64(ArrayValues.values(params.get(i)), dims(specs.get(i))));
    }
    extra.forEach(
        (k, v) -> {
          if (arrays.containsKey(k)) {
            throw new IllegalArgumentException("extra array '" + k + "' shadows a parameter");
          }
          arrays.put(k, v);
        });
    Npz.writeArrays(file, arrays);
  }

  /**
   * The parameter values stored in {@code file} for {@code model}, flat, in the model's order (for
   * {@link Initialization#arrays}); an {@link IOException} names a missing or misshapen one.
   */
  public static List<double[]> read(Path file, Model model) throws IOException {
    Map<String, Npy.Array> arrays = Npz.readArrays(file);
    List<double[]> out = new ArrayList<>();
    for (ParameterSpec p : model.parameters()) {
      Npy.Array a = arrays.get(p.name());
      if (a == null) {
        throw new IOException(
            file + ": no array '" + p.name() + "' (a " + model.name() + " parameter)");
      }
      if (!Arrays.equals(a.shape(), dims(p)) || !a.descr().equals("<f8")) {
        throw new IOException(
            file
                + ": array '"
                + p.name()
                + "' is "
                + a.descr()
                + " "
                + Arrays.toString(a.shape())
                + ", expected <f8 "
                + Arrays.toString(dims(p)));
      }
      out.add(a.doubles());
    }
    return out;
  }

  private static int[] dims(ParameterSpec p) {
    return Arrays.stream(p.shape().getShape()).mapToInt(Math::toIntExact).toArray();
  }
}
