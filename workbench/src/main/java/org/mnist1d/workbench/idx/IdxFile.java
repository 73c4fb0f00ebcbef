package org.mnist1d.workbench.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file of unsigned bytes, as MNIST is distributed: a big-endian magic {@code 0x000008NN}
 * (type 0x08, unsigned byte; NN dimensions), NN big-endian 32-bit sizes, then the bytes in C order
 * ({@code train-images-idx3-ubyte}: 0x00000803, N x 28 x 28; {@code train-labels-idx1-ubyte}:
 * 0x00000801, N). A name ending in {@code .gz} is read through gzip.
 *
 * @param dims the sizes, outermost first
 * @param data the values, {@code dims} multiplied out, as stored (read them with {@code & 0xff})
 */
public record IdxFile(int[] dims, byte[] data) {
  /** The type code of unsigned bytes, the only one MNIST uses. */
  public static final int UNSIGNED_BYTE = 0x08;

  /** Reads {@code file}; an {@link IOException} names the file and what is wrong with it. */
  public static IdxFile read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16)
                : new BufferedInputStream(raw, 1 << 16)) {
      return read(in, file.toString());
    } catch (java.util.zip.ZipException e) {
      throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
    }
  }

  /** Reads an IDX stream; {@code name} labels errors. */
  public static IdxFile read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    try {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
        throw new IOException(
            String.format(
                "%s: not an IDX file of unsigned bytes (magic 0x%08x; expected 0x00000801 for"
                    + " labels or 0x00000803 for images)",
                name, magic));
      }
      int[] dims = new int[rank];
      long size = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = in.readInt();
        if (dims[i] < 0) {
          throw new IOException(name + ": negative size " + dims[i] + " in the header");
        }
        size *= dims[i];
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(name + ": " + size + " values are too many for one array");
      }
      byte[] data = new byte[(int) size];
      in.readFully(data);
      if (in.read() != -1) {
        throw new IOException(
            name + ": more data than the header's " + Arrays.toString(dims) + " announces");
      }
      return new IdxFile(dims, data);
    } catch (EOFException e) {
      throw new IOException(name + ": truncated (the file ends before its data does)", e);
    }
  }

  /** The number of items (the first size). */
  public int count() {
    return dims[0];
  }

  /** Item {@code i} (an image's pixels, row by row) as numbers 0 to 255. */
  public double[] item(int i) {
    int per = data.length / Math.max(1, dims[0]);
    double[] out = new double[per];
    for (int j = 0; j < per; j++) {
      out[j] = data[i * per + j] & 0xff;
    }
    return out;
  }
}
