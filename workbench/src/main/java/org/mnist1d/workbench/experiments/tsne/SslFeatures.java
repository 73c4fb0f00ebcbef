package org.mnist1d.workbench.experiments.tsne;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;

/**
 * The learned features an {@code ssl} run saves: {@code features.npz} in its run directory, a NumPy
 * archive of float64 matrices {@code h_train}, {@code h_test} (the encoder's output, N x D) and
 * {@code z_train}, {@code z_test} (the projection head's output, N x D'), and int64 vectors {@code
 * y_train}, {@code y_test} (the labels, never used in training), rows in the dataset's order.
 */
public final class SslFeatures {
  private SslFeatures() {}

  /** The file an ssl run writes into its run directory. */
  public static final String FILE = "features.npz";

  /** The rows of {@code which} ({@code h} or {@code z}) and their labels, train then test. */
  static Points points(Path dir, String which, String split) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(dir + ": no " + FILE + " (an ssl run writes it when it finishes)");
    }
    Map<String, Npy.Array> arrays = Npz.readArrays(file);
    double[][] train = matrix(arrays, which + "_train", file);
    double[][] test = matrix(arrays, which + "_test", file);
    int[] y = labels(arrays, "y_train", train.length, file);
    int[] yTest = labels(arrays, "y_test", test.length, file);
    int d = train.length > 0 ? train[0].length : 0;
    return Points.of(train, y, test, yTest, split, "SSL features " + which + " (" + d + "-D)");
  }

  private static double[][] matrix(Map<String, Npy.Array> arrays, String key, Path file)
      throws IOException {
    Npy.Array a = arrays.get(key);
    if (a == null || a.shape().length != 2 || !a.descr().equals("<f8")) {
      throw new IOException(
          file + ": expected a float64 matrix '" + key + "' (N x D), found " + describe(a));
    }
    double[] flat = a.doubles();
    int n = a.shape()[0];
    int d = a.shape()[1];
    double[][] out = new double[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * d, out[i], 0, d);
    }
    return out;
  }

  private static int[] labels(Map<String, Npy.Array> arrays, String key, int n, Path file)
      throws IOException {
    Npy.Array a = arrays.get(key);
    if (a == null || a.shape().length != 1 || !a.descr().equals("<i8") || a.shape()[0] != n) {
      throw new IOException(
          file
              + ": expected an int64 vector '"
              + key
              + "' of "
              + n
              + " labels, found "
              + describe(a));
    }
    long[] v = a.longs();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (v[i] < 0 || v[i] > 9) {
        throw new IOException(file + ": label " + v[i] + " in '" + key + "' is not a digit 0-9");
      }
      out[i] = (int) v[i];
    }
    return out;
  }

  private static String describe(Npy.Array a) {
    return a == null ? "none" : a.descr() + " " + java.util.Arrays.toString(a.shape());
  }
}
