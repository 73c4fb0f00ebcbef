package org.mnist1d.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.mnist1d.Mnist1dData;

/**
 * A dataset as NumPy's {@code .npz} (what {@code np.savez} writes: an uncompressed zip of .npy
 * files): {@code x}, {@code x_test}, {@code t} as float64 and {@code y}, {@code y_test} as int64.
 */
public final class Npz {
  private Npz() {}

  /** Writes the dataset to {@code path} atomically. */
  public static void write(Path path, Mnist1dData d) throws IOException {
    AtomicFile.write(path, out -> write(out, d));
  }

  /** Writes the dataset as an .npz archive to a stream. */
  public static void write(OutputStream out, Mnist1dData d) throws IOException {
    int l = d.seqLength();
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    arrays.put("x", Npy.float64(d.x(), l));
    arrays.put("x_test", Npy.float64(d.xTest(), l));
    arrays.put("t", Npy.float64(d.t()));
    arrays.put("y", Npy.int64(d.y()));
    arrays.put("y_test", Npy.int64(d.yTest()));
    writeArrays(out, arrays);
  }

  /**
   * Writes named arrays to {@code path} atomically, as {@code np.savez} would: each value is a
   * complete .npy file ({@link Npy#float64(double[], int...)}, {@link Npy#int64(int[])}), stored as
   * {@code NAME.npy}, in the map's order.
   */
  public static void writeArrays(Path path, Map<String, byte[]> arrays) throws IOException {
    AtomicFile.write(path, out -> writeArrays(out, arrays));
  }

  /** Writes named .npy files as an .npz archive to a stream. */
  public static void writeArrays(OutputStream out, Map<String, byte[]> arrays) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    arrays.forEach((name, npy) -> entries.put(name + ".npy", npy));
    writeEntries(out, entries);
  }

  /**
   * Writes whole files under their names as an uncompressed zip, in the map's order, with a fixed
   * timestamp (the same bytes for the same content). An .npz archive is such a zip of .npy files;
   * NumPy's {@code np.load} returns any other entry (a JSON document, say) as its raw bytes.
   */
  public static void writeEntries(OutputStream out, Map<String, byte[]> entries)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setMethod(ZipOutputStream.STORED);
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      byte[] bytes = e.getValue();
      ZipEntry entry = new ZipEntry(e.getKey());
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setSize(bytes.length);
      entry.setCompressedSize(bytes.length);
      entry.setCrc(crc.getValue());
      entry.setTime(315532800000L); // 1980-01-01: same bytes for the same data
      zip.putNextEntry(entry);
      zip.write(bytes);
      zip.closeEntry();
    }
    zip.finish();
  }

  /** Reads a dataset written by {@link #write} (or by {@code np.savez} with the same names). */
  public static Mnist1dData read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Every array of an .npz archive (as {@code np.savez} or {@link #writeArrays} write it), by name
   * without the {@code .npy}, in file order; float64 and int64 arrays only.
   */
  public static Map<String, Npy.Array> readArrays(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return readArrays(in);
    } catch (IOException e) {
      throw e.getMessage() != null && e.getMessage().startsWith(path.toString())
          ? e
          : new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Reads a dataset from an .npz stream; {@code name} labels errors. */
  static Mnist1dData read(InputStream in, String name) throws IOException {
    Map<String, Npy.Array> arrays = readArrays(in);
    double[][] x = matrix(arrays, "x", name);
    double[][] xTest = matrix(arrays, "x_test", name);
    double[] t = vector(arrays, "t", name);
    int[] y = labels(arrays, "y", name);
    int[] yTest = labels(arrays, "y_test", name);
    if (x.length != y.length || xTest.length != yTest.length) {
      throw new IOException(name + ": inputs and labels differ in length");
    }
    if ((x.length > 0 && x[0].length != t.length)
        || (xTest.length > 0 && xTest[0].length != t.length)) {
      throw new IOException(name + ": rows and time axis differ in length");
    }
    return new Mnist1dData(x, y, xTest, yTest, t);
  }

  private static Map<String, Npy.Array> readArrays(InputStream in) throws IOException {
    Map<String, Npy.Array> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : readEntries(in).entrySet()) {
      String name = e.getKey();
      String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
      arrays.put(key, Npy.parse(e.getValue()));
    }
    return arrays;
  }

  /**
   * Every entry of a zip archive (an .npz, or what {@link #writeEntries} wrote) by its name, with
   * its bytes, in file order; each entry's CRC is checked.
   */
  public static Map<String, byte[]> readEntries(InputStream in) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    ZipInputStream zip = new ZipInputStream(in);
    ZipEntry e;
    while ((e = zip.getNextEntry()) != null) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      zip.transferTo(buf); // checks the entry's CRC at its end
      entries.put(e.getName(), buf.toByteArray());
    }
    return entries;
  }

  private static Npy.Array get(
      Map<String, Npy.Array> arrays, String key, String descr, int dims, String name)
      throws IOException {
    Npy.Array a = arrays.get(key);
    if (a == null) {
      throw new IOException(name + ": no array '" + key + "'");
    }
    if (!a.descr().equals(descr) || a.shape().length != dims) {
      throw new IOException(
          name + ": array '" + key + "' is not a " + dims + "-d " + descr + " array");
    }
    return a;
  }

  private static double[][] matrix(Map<String, Npy.Array> arrays, String key, String name)
      throws IOException {
    Npy.Array a = get(arrays, key, "<f8", 2, name);
    DoubleBuffer b = a.data().asDoubleBuffer();
    double[][] out = new double[a.shape()[0]][a.shape()[1]];
    for (double[] row : out) {
      b.get(row);
    }
    return out;
  }

  private static double[] vector(Map<String, Npy.Array> arrays, String key, String name)
      throws IOException {
    Npy.Array a = get(arrays, key, "<f8", 1, name);
    double[] out = new double[a.shape()[0]];
    a.data().asDoubleBuffer().get(out);
    return out;
  }

  private static int[] labels(Map<String, Npy.Array> arrays, String key, String name)
      throws IOException {
    Npy.Array a = get(arrays, key, "<i8", 1, name);
    LongBuffer b = a.data().asLongBuffer();
    int[] out = new int[a.shape()[0]];
    for (int i = 0; i < out.length; i++) {
      long v = b.get();
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IOException(name + ": label out of range in '" + key + "'");
      }
      out[i] = (int) v;
    }
    return out;
  }
}
