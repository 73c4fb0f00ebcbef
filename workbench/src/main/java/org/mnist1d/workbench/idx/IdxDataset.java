package org.mnist1d.workbench.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An image dataset in MNIST's layout: a directory with {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each
 * optionally ending in {@code .gz} (as MNIST and Fashion-MNIST are downloaded). Pixels stay raw, 0
 * to 255, one row per image (28 x 28 = 784 values for MNIST).
 *
 * @param x training images, one flattened row each
 * @param y training labels
 * @param xTest test images
 * @param yTest test labels
 * @param rows image height
 * @param columns image width
 */
public record IdxDataset(
    double[][] x, int[] y, double[][] xTest, int[] yTest, int rows, int columns) {

  /** The files' base names, train images and labels, then test images and labels. */
  public static final String[] FILES = {
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte"
  };

  /** Reads the four files from {@code dir}; an {@link IOException} names what is missing or bad. */
  public static IdxDataset load(Path dir) throws IOException {
    IdxFile[] f = new IdxFile[4];
    for (int i = 0; i < 4; i++) {
      f[i] = IdxFile.read(find(dir, FILES[i]));
    }
    for (int i = 0; i < 4; i += 2) {
      if (f[i].dims().length != 3) {
        throw new IOException(
            find(dir, FILES[i])
                + ": expected images (3 sizes), got "
                + Arrays.toString(f[i].dims()));
      }
      if (f[i + 1].dims().length != 1 || f[i + 1].count() != f[i].count()) {
        throw new IOException(
            find(dir, FILES[i + 1])
                + ": expected "
                + f[i].count()
                + " labels (one per image), got sizes "
                + Arrays.toString(f[i + 1].dims()));
      }
    }
    if (f[0].dims()[1] != f[2].dims()[1] || f[0].dims()[2] != f[2].dims()[2]) {
      throw new IOException(dir + ": train and test images differ in size");
    }
    return new IdxDataset(
        images(f[0]), labels(f[1]), images(f[2]), labels(f[3]), f[0].dims()[1], f[0].dims()[2]);
  }

  /** Whether {@code dir} has the four files (plain or gzipped). */
  public static boolean present(Path dir) {
    for (String name : FILES) {
      if (!Files.isRegularFile(dir.resolve(name))
          && !Files.isRegularFile(dir.resolve(name + ".gz"))) {
        return false;
      }
    }
    return true;
  }

  /** The path of {@code name} or {@code name.gz} in {@code dir}. */
  static Path find(Path dir, String name) throws IOException {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new IOException(dir + ": no " + name + " (or " + name + ".gz)");
  }

  private static double[][] images(IdxFile f) {
    double[][] out = new double[f.count()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.item(i);
    }
    return out;
  }

  private static int[] labels(IdxFile f) {
    int[] out = new int[f.count()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.data()[i] & 0xff;
    }
    return out;
  }
}
