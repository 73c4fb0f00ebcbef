package org.mnist1d.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format, version 1.0: magic, a Python-dict header padded to a multiple of 64
 * bytes and ending in a newline, then the data in C order. Only what the workbench writes:
 * little-endian float64 ({@code <f8}), int64 ({@code <i8}) and bytes ({@code |u1}, e.g. bits packed
 * as {@code np.packbits} packs them).
 */
public final class Npy {
  private Npy() {}

  /** {@code \x93NUMPY}. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** An array read back: its dtype, shape and raw little-endian data. */
  public record Array(String descr, int[] shape, ByteBuffer data) {
    /** The values of a {@code <f8} array, in C order. */
    public double[] doubles() {
      if (!descr.equals("<f8")) {
        throw new IllegalStateException("a " + descr + " array, not <f8");
      }
      double[] out = new double[Math.toIntExact(size())];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
      return out;
    }

    /** The values of a {@code <i8} array, in C order. */
    public long[] longs() {
      if (!descr.equals("<i8")) {
        throw new IllegalStateException("a " + descr + " array, not <i8");
      }
      long[] out = new long[Math.toIntExact(size())];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
      return out;
    }

    /** Number of elements. */
    public long size() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /** The full header (magic, version, length, dict, padding, newline) for an array. */
  public static byte[] header(String descr, int... shape) {
    StringBuilder dims = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      dims.append(shape[i]);
      dims.append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
    }
    dims.append(')');
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(dict);
    h.append(" ".repeat(total - unpadded)).append('\n');
    byte[] text = h.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
    return b.array();
  }

  /** A float64 matrix (rows of equal length) as a complete .npy file. */
  public static byte[] float64(double[][] rows, int columns) {
    byte[] head = header("<f8", rows.length, columns);
    ByteBuffer b =
        ByteBuffer.allocate(head.length + rows.length * columns * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(head);
    for (double[] r : rows) {
      b.asDoubleBuffer().put(r, 0, columns);
      b.position(b.position() + columns * 8);
    }
    return b.array();
  }

  /** A float64 vector as a complete .npy file. */
  public static byte[] float64(double[] v) {
    byte[] head = header("<f8", v.length);
    ByteBuffer b = ByteBuffer.allocate(head.length + v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(head);
    b.asDoubleBuffer().put(v);
    return b.array();
  }

  /**
   * A float64 array of any shape as a complete .npy file: {@code values} in C (row-major) order,
   * their count the product of {@code shape}.
   */
  public static byte[] float64(double[] values, int... shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          values.length + " values for shape " + Arrays.toString(shape));
    }
    byte[] head = header("<f8", shape);
    ByteBuffer b =
        ByteBuffer.allocate(head.length + values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(head);
    b.asDoubleBuffer().put(values);
    return b.array();
  }

  /** An int vector stored as int64 as a complete .npy file. */
  public static byte[] int64(int[] v) {
    byte[] head = header("<i8", v.length);
    ByteBuffer b = ByteBuffer.allocate(head.length + v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(head);
    for (int x : v) {
      b.putLong(x);
    }
    return b.array();
  }

  /** Bytes stored as uint8 as a complete .npy file (a 1-d array of {@code v.length}). */
  public static byte[] uint8(byte[] v) {
    byte[] head = header("|u1", v.length);
    byte[] out = Arrays.copyOf(head, head.length + v.length);
    System.arraycopy(v, 0, out, head.length, v.length);
    return out;
  }

  /** Size in bytes of one element of the supported dtypes. */
  private static int itemSize(String descr) throws IOException {
    return switch (descr) {
      case "<f8", "<i8" -> 8;
      case "|u1" -> 1;
      default ->
          throw new IOException("unsupported .npy dtype " + descr + " (expected <f8, <i8 or |u1)");
    };
  }

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /** Parses a complete .npy file (versions 1.0 to 3.0, C order). */
  public static Array parse(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IOException("not a .npy array (bad magic)");
    }
    int major = bytes[6];
    b.position(8);
    int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
    if (major < 1 || major > 3 || headerLength < 0 || b.position() + headerLength > bytes.length) {
      throw new IOException("bad .npy header (version " + major + ", length " + headerLength + ")");
    }
    String header = new String(bytes, b.position(), headerLength, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException("bad .npy header: " + header.trim());
    }
    if (f.group(1).equals("True")) {
      throw new IOException("Fortran-ordered .npy arrays are not supported");
    }
    String[] parts = s.group(1).split(",");
    int[] shape =
        Arrays.stream(parts)
            .map(String::trim)
            .filter(p -> !p.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    int dataStart = b.position() + headerLength;
    Array a =
        new Array(
            d.group(1),
            shape,
            ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN));
    long need = a.size() * itemSize(a.descr());
    if (a.data().remaining() != need) {
      throw new IOException("truncated .npy data: " + a.data().remaining() + " bytes for " + need);
    }
    return a;
  }
}
