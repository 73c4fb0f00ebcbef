package org.mnist1d.workbench.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST's IDX files, written here byte by byte as the format describes them, read back. */
class IdxDatasetTest {
  @TempDir Path tmp;

  /** An IDX file: magic 0x000008NN, big-endian sizes, the bytes. */
  private static byte[] idx(int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x00000800 | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return b.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (OutputStream g = new GZIPOutputStream(b)) {
      g.write(bytes);
    }
    return b.toByteArray();
  }

  /** n images of 2 x 3 pixels whose values are 40 * image + pixel (so 255 is reachable). */
  private static byte[] images(int n) {
    byte[] px = new byte[n * 6];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.min(255, 40 * (i / 6) + i % 6 + (i == px.length - 1 ? 255 : 0));
    }
    return px;
  }

  private static void write(Path dir, String name, byte[] bytes, boolean gz) throws IOException {
    Files.write(dir.resolve(gz ? name + ".gz" : name), gz ? gzip(bytes) : bytes);
  }

  /** A tiny dataset in MNIST's four files; the test labels compressed the other way. */
  private static void dataset(Path dir, boolean gz) throws IOException {
    write(dir, "train-images-idx3-ubyte", idx(new int[] {5, 2, 3}, images(5)), gz);
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {5}, new byte[] {5, 0, 4, 1, 9}), gz);
    write(dir, "t10k-images-idx3-ubyte", idx(new int[] {2, 2, 3}, images(2)), gz);
    write(dir, "t10k-labels-idx1-ubyte", idx(new int[] {2}, new byte[] {7, 2}), !gz);
  }

  @Test
  void readsImagesAndLabelsPlainAndGzipped() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      Path dir = Files.createDirectories(tmp.resolve("d" + gz));
      dataset(dir, gz);
      assertTrue(IdxDataset.present(dir));
      IdxDataset d = IdxDataset.load(dir);
      assertEquals(2, d.rows());
      assertEquals(3, d.columns());
      assertEquals(5, d.x().length);
      assertArrayEquals(new double[] {80, 81, 82, 83, 84, 85}, d.x()[2], 0.0);
      assertEquals(255.0, d.x()[4][5], "unsigned: byte 0xff is 255, not -1");
      assertArrayEquals(new int[] {5, 0, 4, 1, 9}, d.y());
      assertArrayEquals(new int[] {7, 2}, d.yTest());
      assertArrayEquals(new double[] {40, 41, 42, 43, 44, 255}, d.xTest()[1], 0.0);
    }
  }

  @Test
  void badFilesAreNamed() throws IOException {
    Path f = tmp.resolve("x-idx3-ubyte");
    Files.write(f, new byte[] {0, 0, 0x0d, 3, 0, 0, 0, 1});
    IOException magic = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(
        magic.getMessage().startsWith(f + ": not an IDX file of unsigned bytes (magic 0x00000d03"),
        magic.getMessage());
    byte[] whole = idx(new int[] {4, 2, 3}, images(4));
    Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 5));
    IOException cut = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertEquals(f + ": truncated (the file ends before its data does)", cut.getMessage());
    Path g = tmp.resolve("y-idx1-ubyte.gz");
    Files.write(g, idx(new int[] {2}, new byte[] {1, 2}));
    assertTrue(
        assertThrows(IOException.class, () -> IdxFile.read(g))
            .getMessage()
            .startsWith(g + ": not a gzip file"));

    Path dir = Files.createDirectories(tmp.resolve("partial"));
    Files.write(dir.resolve("train-images-idx3-ubyte"), idx(new int[] {3, 2, 3}, images(3)));
    Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[] {1, 2}));
    assertTrue(!IdxDataset.present(dir));
    IOException missing = assertThrows(IOException.class, () -> IdxDataset.load(dir));
    assertEquals(
        dir + ": no t10k-images-idx3-ubyte (or t10k-images-idx3-ubyte.gz)", missing.getMessage());
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(new int[] {1, 2, 3}, images(1)));
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(new int[] {1}, new byte[] {3}));
    IOException count = assertThrows(IOException.class, () -> IdxDataset.load(dir));
    assertTrue(
        count.getMessage().contains("train-labels-idx1-ubyte: expected 3 labels (one per image)"),
        count.getMessage());
  }

  /** Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist), where installed. */
  @Test
  void readsFashionMnistWhereInstalled() throws IOException {
    Path dir = Path.of("/usr/share/datasets/fashion-mnist");
    assumeTrue(IdxDataset.present(dir), "dataset-fashion-mnist is not installed");
    IdxDataset d = IdxDataset.load(dir);
    assertEquals(60000, d.x().length);
    assertEquals(10000, d.xTest().length);
    assertEquals(28 * 28, d.x()[0].length);
    int[] perClass = new int[10];
    for (int label : d.yTest()) {
      perClass[label]++;
    }
    assertArrayEquals(
        new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, perClass);
  }
}
