package org.mnist1d.workbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.experiment.Checkpoint;

/**
 * The binary checkpoint ({@link CheckpointFile}): exact round trip, files written by NumPy ({@code
 * src/test/python/checkpoint_format.py}), the text format of earlier versions, and damaged files.
 */
class CheckpointFileTest {
  @TempDir Path tmp;

  /** The fixture's arrays, built here: arange(7) / 3 and four awkward doubles. */
  private static Map<String, double[]> fixtureArrays() {
    double[] a = new double[7];
    for (int i = 0; i < a.length; i++) {
      a[i] = i / 3.0;
    }
    return Map.of("param.a", a, "opt.b", new double[] {-0.0, Double.MIN_VALUE, 1e308, -2.5});
  }

  private static void assertSameBits(double[] expected, double[] actual) {
    assertArrayEquals(bits(expected), bits(actual));
  }

  private static long[] bits(double[] v) {
    return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  private static void assertFixture(Checkpoint c) {
    assertEquals(1200, c.step());
    assertEquals(13, c.metricRows());
    assertEquals(3, ((Number) c.values().get("round")).intValue());
    assertEquals(0.1, ((Number) c.values().get("lr")).doubleValue());
    assertEquals("fixture", c.values().get("note"));
    assertEquals(fixtureArrays().keySet(), c.arrays().keySet());
    fixtureArrays().forEach((name, v) -> assertSameBits(v, c.array(name)));
  }

  private Path copy(String resource, String name) throws Exception {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/reference/checkpoint/" + resource)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void roundTripKeepsEveryBit() throws Exception {
    double[] odd = {
      -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1 / 3.0
    };
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("round", 4);
    values.put("best", List.of(1.5, 2.5));
    values.put("meta_loss", Double.NaN); // a number again when read, not the string "NaN"
    values.put("bound", Double.NEGATIVE_INFINITY);
    Checkpoint c = new Checkpoint(77, 5, Map.of("w", odd, "empty", new double[0]), values);
    Path f = tmp.resolve("c.npz");
    CheckpointFile.write(f, c);
    Checkpoint back = CheckpointFile.read(f);
    assertEquals(77, back.step());
    assertEquals(5, back.metricRows());
    assertEquals(values, back.values());
    assertSameBits(odd, back.array("w"));
    assertEquals(0, back.array("empty").length);
  }

  @Test
  void writesWhatNumpyWrites() throws Exception {
    // np.savez layout: each array a float64 .npy, the header first; np.load reads it (the
    // fixture script does so with its own file)
    Path f = tmp.resolve("c.npz");
    CheckpointFile.write(f, new Checkpoint(1200, 13, fixtureArrays(), Map.of()));
    Map<String, byte[]> ours;
    Map<String, byte[]> numpys;
    try (InputStream in = Files.newInputStream(f)) {
      ours = Npz.readEntries(in);
    }
    try (InputStream in = Files.newInputStream(copy("numpy-written.npz", "np.npz"))) {
      numpys = Npz.readEntries(in);
    }
    assertEquals(List.copyOf(numpys.keySet()), List.copyOf(ours.keySet()));
    for (String name : List.of("opt.b.npy", "param.a.npy")) {
      Npy.Array a = Npy.parse(ours.get(name));
      Npy.Array b = Npy.parse(numpys.get(name));
      assertEquals(b.descr(), a.descr());
      assertArrayEquals(b.shape(), a.shape());
      assertSameBits(b.doubles(), a.doubles());
    }
  }

  @Test
  void readsACheckpointWrittenByNumpy() throws Exception {
    assertFixture(CheckpointFile.read(copy("numpy-written.npz", "c.npz")));
  }

  @Test
  void readsTheTextCheckpointOfEarlierVersions() throws Exception {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunDirectory.CONFIG), "experiment: quickstart\n");
    Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\": \"failed\"}\n");
    copy("legacy.json", "run/" + RunDirectory.LEGACY_CHECKPOINT);
    RunDirectory dir = RunDirectory.existing(run);
    assertFixture(dir.loadCheckpoint().orElseThrow());

    // the next checkpoint is binary and replaces it
    dir.saveCheckpoint(new Checkpoint(1300, 14, fixtureArrays(), Map.of()));
    assertFalse(Files.exists(run.resolve(RunDirectory.LEGACY_CHECKPOINT)));
    assertEquals(1300, dir.loadCheckpoint().orElseThrow().step());
  }

  @Test
  void aDamagedCheckpointIsAUserErrorNamingTheFile() throws Exception {
    Path good = copy("numpy-written.npz", "good.npz");
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = tmp.resolve("truncated.npz");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    UserError e = assertThrows(UserError.class, () -> CheckpointFile.read(truncated));
    assertTrue(e.getMessage().startsWith(truncated + ": damaged checkpoint: "), e.getMessage());

    Path flipped = tmp.resolve("flipped.npz");
    byte[] changed = bytes.clone();
    // 1/3 as little-endian float64: inside param.a's data, whose CRC then no longer matches
    int at = indexOf(changed, new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, (byte) 0xD5, 0x3F});
    assertTrue(at > 0);
    changed[at] ^= 0x40;
    Files.write(flipped, changed);
    e = assertThrows(UserError.class, () -> CheckpointFile.read(flipped));
    assertTrue(e.getMessage().startsWith(flipped + ": damaged checkpoint: "), e.getMessage());

    Path missing = tmp.resolve("missing.npz");
    Map<String, byte[]> entries;
    try (InputStream in = Files.newInputStream(good)) {
      entries = Npz.readEntries(in);
    }
    entries.remove("param.a.npy");
    try (var out = Files.newOutputStream(missing)) {
      Npz.writeEntries(out, entries);
    }
    e = assertThrows(UserError.class, () -> CheckpointFile.read(missing));
    assertEquals(missing + ": damaged checkpoint: array 'param.a' is missing", e.getMessage());

    Path badHeader = tmp.resolve("bad-header.npz");
    entries.put(
        CheckpointFile.HEADER,
        "{\"format\": \"mnist1d-workbench checkpoint 1\", \"step\": \"x\", \"arrays\": []}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (var out = Files.newOutputStream(badHeader)) {
      Npz.writeEntries(out, entries);
    }
    e = assertThrows(UserError.class, () -> CheckpointFile.read(badHeader));
    assertEquals(
        badHeader + ": damaged checkpoint: checkpoint.json has no step number or no list of arrays",
        e.getMessage());

    Path tiny = tmp.resolve("tiny.npz");
    Files.write(tiny, Arrays.copyOf(bytes, 40)); // cut inside the first entry's header
    e = assertThrows(UserError.class, () -> CheckpointFile.read(tiny));
    assertTrue(e.getMessage().startsWith(tiny + ": damaged checkpoint: "), e.getMessage());
    assertFalse(e.getMessage().contains("null"), e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
