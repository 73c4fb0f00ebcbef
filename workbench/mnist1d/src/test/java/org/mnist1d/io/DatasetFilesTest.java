package org.mnist1d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;

/** .npz and .csv files: byte layout NumPy expects, round trip, atomic writes. */
class DatasetFilesTest {
  @TempDir Path tmp;

  private static final Mnist1dData SMALL =
      Mnist1d.generate(Mnist1dArgs.parse(List.of("num_samples=20", "seed=3")));

  @Test
  void npyHeaderIsVersion1PaddedTo64BytesAndEndsInNewline() {
    byte[] h = Npy.header("<f8", 16, 40);
    assertEquals(0, h.length % 64);
    assertArrayEquals(Npy.MAGIC, java.util.Arrays.copyOf(h, 6));
    assertEquals(1, h[6]);
    assertEquals(0, h[7]);
    int len = ByteBuffer.wrap(h, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertEquals(h.length - 10, len);
    String text = new String(h, 10, len, StandardCharsets.US_ASCII);
    assertTrue(
        text.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (16, 40), }"), text);
    assertTrue(text.endsWith("\n"));
    assertEquals("", text.substring(61, text.length() - 1).trim());
    byte[] v = Npy.header("<i8", 7);
    String vector = new String(v, 10, v.length - 10, StandardCharsets.US_ASCII);
    assertTrue(
        vector.startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (7,), }"), vector);
  }

  @Test
  void uint8ArraysRoundTripAndOtherDtypesAreRejected() throws IOException {
    byte[] bits = {(byte) 0xA5, 0, (byte) 0xFF, 7};
    byte[] file = Npy.uint8(bits);
    assertEquals(0, file.length % 64 - bits.length, "header padded to 64 bytes");
    Npy.Array a = Npy.parse(file);
    assertEquals("|u1", a.descr());
    assertArrayEquals(new int[] {4}, a.shape());
    byte[] back = new byte[4];
    a.data().get(back);
    assertArrayEquals(bits, back);
    byte[] wrong = Npy.uint8(bits);
    wrong[21] = '>'; // "'|u1'" becomes "'>u1'" inside the header dict
    IOException e = assertThrows(IOException.class, () -> Npy.parse(wrong));
    assertTrue(e.getMessage().contains("unsupported .npy dtype"), e.getMessage());
  }

  @Test
  void npzRoundTripsExactly() throws IOException {
    Path f = tmp.resolve("d.npz");
    Npz.write(f, SMALL);
    Mnist1dData back = Npz.read(f);
    assertEquals(16, back.x().length);
    for (int i = 0; i < SMALL.x().length; i++) {
      assertArrayEquals(SMALL.x()[i], back.x()[i], 0.0);
    }
    for (int i = 0; i < SMALL.xTest().length; i++) {
      assertArrayEquals(SMALL.xTest()[i], back.xTest()[i], 0.0);
    }
    assertArrayEquals(SMALL.y(), back.y());
    assertArrayEquals(SMALL.yTest(), back.yTest());
    assertArrayEquals(SMALL.t(), back.t(), 0.0);
  }

  @Test
  void npzIsAStoredZipWhoseFirstEntryIsXWithAnNpyHeader() throws IOException {
    Path f = tmp.resolve("d.npz");
    Npz.write(f, SMALL);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x04034b50, b.getInt(0), "zip local file header");
    assertEquals(0, b.getShort(8), "stored, not deflated");
    int nameLen = b.getShort(26);
    int extraLen = b.getShort(28);
    assertEquals("x.npy", new String(b.array(), 30, nameLen, StandardCharsets.US_ASCII));
    int npy = 30 + nameLen + extraLen;
    assertEquals((byte) 0x93, b.get(npy));
    assertEquals("NUMPY", new String(b.array(), npy + 1, 5, StandardCharsets.US_ASCII));
    int headerLen = b.getShort(npy + 8);
    String header = new String(b.array(), npy + 10, headerLen, StandardCharsets.US_ASCII);
    assertTrue(
        header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (16, 40), }"), header);
    assertEquals(
        SMALL.x()[0][0],
        b.getDouble(npy + 10 + headerLen),
        0.0,
        "first value, little-endian C order");
    assertEquals(SMALL.x()[0][1], b.getDouble(npy + 18 + headerLen), 0.0);
  }

  @Test
  void numpyLoadsTheNpzWhenNumpyIsInstalled() throws Exception {
    Assumptions.assumeTrue(hasNumpy(), "python3 with numpy not available");
    Path f = tmp.resolve("d.npz");
    Npz.write(f, SMALL);
    String script =
        "import numpy as np, sys\n"
            + "d = np.load(sys.argv[1])\n"
            + "print(sorted(d.files))\n"
            + "print(d['x'].dtype, d['x'].shape, d['x'].flags['C_CONTIGUOUS'], d['x_test'].shape, d['t'].dtype, d['t'].shape)\n"
            + "print(d['y'].dtype, d['y'].shape, d['y_test'].dtype, d['y_test'].shape)\n"
            + "print(repr(float(d['x'][3, 7])), repr(float(d['x_test'][1, 39])), int(d['y'][5]), int(d['y_test'][2]))\n";
    Process p =
        new ProcessBuilder("python3", "-c", script, f.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    String[] lines = out.split("\n");
    assertEquals("['t', 'x', 'x_test', 'y', 'y_test']", lines[0]);
    assertEquals("float64 (16, 40) True (4, 40) float64 (40,)", lines[1]);
    assertEquals("int64 (16,) int64 (4,)", lines[2]);
    String[] v = lines[3].split(" ");
    assertEquals(SMALL.x()[3][7], Double.parseDouble(v[0]), 0.0);
    assertEquals(SMALL.xTest()[1][39], Double.parseDouble(v[1]), 0.0);
    assertEquals(SMALL.y()[5], Integer.parseInt(v[2]));
    assertEquals(SMALL.yTest()[2], Integer.parseInt(v[3]));
  }

  @Test
  void namedArraysOfAnyShapeRoundTrip() throws IOException {
    Path f = tmp.resolve("named.npz");
    double[] cube = new double[2 * 3 * 4];
    java.util.Arrays.setAll(cube, i -> i * 0.5 - 3);
    java.util.Map<String, byte[]> arrays = new java.util.LinkedHashMap<>();
    arrays.put("conv1.w", Npy.float64(cube, 2, 3, 4));
    arrays.put("labels", Npy.int64(new int[] {7, -1, 3}));
    Npz.writeArrays(f, arrays);
    java.util.Map<String, Npy.Array> back = Npz.readArrays(f);
    assertEquals(List.of("conv1.w", "labels"), List.copyOf(back.keySet()));
    assertArrayEquals(new int[] {2, 3, 4}, back.get("conv1.w").shape());
    assertArrayEquals(cube, back.get("conv1.w").doubles(), 0.0);
    assertArrayEquals(new long[] {7, -1, 3}, back.get("labels").longs());
    assertThrows(IllegalStateException.class, () -> back.get("labels").doubles());
    assertThrows(IllegalArgumentException.class, () -> Npy.float64(cube, 5, 5));
    assertTrue(
        assertThrows(IOException.class, () -> Npz.readArrays(tmp.resolve("none.npz")))
            .getMessage()
            .contains("none.npz"));
  }

  @Test
  void numpyLoadsNamedArraysWhenNumpyIsInstalled() throws Exception {
    Assumptions.assumeTrue(hasNumpy(), "python3 with numpy not available");
    Path f = tmp.resolve("named.npz");
    double[] cube = new double[2 * 3 * 4];
    java.util.Arrays.setAll(cube, i -> i * 0.25);
    Npz.writeArrays(f, java.util.Map.of("w", Npy.float64(cube, 2, 3, 4)));
    Process p =
        new ProcessBuilder(
                "python3",
                "-c",
                "import numpy as np, sys; w = np.load(sys.argv[1])['w'];"
                    + " print(w.dtype, w.shape, repr(float(w[1, 2, 3])))",
                f.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("float64 (2, 3, 4) 5.75", out.trim());
  }

  @Test
  void csvHasOneRowPerExampleWithSplitLabelAndPositions() throws IOException {
    Path f = tmp.resolve("d.csv");
    DatasetCsv.write(f, SMALL);
    List<String> lines = Files.readAllLines(f);
    assertEquals(1 + 20, lines.size());
    String[] header = lines.get(0).split(",");
    assertEquals(42, header.length);
    assertEquals("split", header[0]);
    assertEquals("label", header[1]);
    assertEquals("x0", header[2]);
    assertEquals("x39", header[41]);
    String[] first = lines.get(1).split(",");
    assertEquals("train", first[0]);
    assertEquals(SMALL.y()[0], Integer.parseInt(first[1]));
    assertEquals(SMALL.x()[0][5], Double.parseDouble(first[7]), 0.0);
    String[] last = lines.get(20).split(",");
    assertEquals("test", last[0]);
    assertEquals(SMALL.yTest()[3], Integer.parseInt(last[1]));
    assertEquals(SMALL.xTest()[3][39], Double.parseDouble(last[41]), 0.0);
  }

  @Test
  void aFailedWriteLeavesNeitherTargetNorTemporaryFile() throws IOException {
    Path f = tmp.resolve("out.npz");
    assertThrows(
        IOException.class,
        () ->
            AtomicFile.write(
                f,
                out -> {
                  out.write(new byte[1000]);
                  throw new IOException("disk full (simulated)");
                }));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.toList());
    }
  }

  @Test
  void aWriteReplacesAnExistingFileWhole() throws IOException {
    Path f = tmp.resolve("out.csv");
    Files.writeString(f, "old content that is longer than the new one");
    AtomicFile.write(f, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(f));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
    Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(tmp.resolve("plain"));
    Path f = tmp.resolve("d.npz");
    Npz.write(f, SMALL);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
  }

  @Test
  void readerRejectsATruncatedArchive() throws IOException {
    Path f = tmp.resolve("d.npz");
    Npz.write(f, SMALL);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 2));
    assertThrows(IOException.class, () -> Npz.read(f));
    assertFalse(Files.size(f) == all.length);
  }

  static boolean hasNumpy() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
