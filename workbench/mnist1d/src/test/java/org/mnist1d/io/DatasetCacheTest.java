package org.mnist1d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;

/**
 * The dataset cache: hits do not regenerate; damaged files are reported and rebuilt, never used.
 */
class DatasetCacheTest {
  @TempDir Path dir;

  private final AtomicInteger generated = new AtomicInteger();
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
  private DatasetCache cache;
  private final Mnist1dArgs args = Mnist1dArgs.parse(List.of("num_samples=30", "seed=11"));

  @BeforeEach
  void setUp() {
    cache =
        new DatasetCache(
            dir,
            a -> {
              generated.incrementAndGet();
              return Mnist1d.generate(a);
            },
            new PrintStream(warnings, true, StandardCharsets.UTF_8));
  }

  @Test
  void secondGetReadsTheFileInsteadOfRegenerating() {
    Mnist1dData first = cache.get(args);
    Mnist1dData second = cache.get(args);
    assertEquals(1, generated.get());
    assertTrue(Files.exists(cache.pathFor(args)));
    assertTrue(Files.exists(DatasetCache.checksumFile(cache.pathFor(args))));
    assertSame(first, second);
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  void differentArgumentsGetDifferentReadableFiles() {
    Path a = cache.pathFor(args);
    Path b = cache.pathFor(args.withSettings(List.of("shuffle_seq=true")));
    assertNotEquals(a, b);
    assertNotEquals(a, cache.pathFor(args.withSettings(List.of("label_noise=0.15"))));
    assertEquals(a, cache.pathFor(args.withSettings(List.of("label_noise=0"))));
    assertTrue(a.getFileName().toString().startsWith("mnist1d-n30-seed11-"), a.toString());
    assertEquals(
        a, new DatasetCache(dir).pathFor(Mnist1dArgs.parse(List.of("seed=11", "num_samples=30"))));
  }

  @Test
  void truncatedFileIsDetectedReportedAndRebuilt() throws IOException {
    Mnist1dData first = cache.get(args);
    Path f = cache.pathFor(args);
    byte[] all = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(all, all.length - 100));
    Mnist1dData again = cache.get(args);
    assertEquals(2, generated.get());
    assertOneWarningNaming(f);
    assertSame(first, again);
    assertArrayEquals(all, Files.readAllBytes(f), "rebuilt file is whole again");
  }

  @Test
  void flippedBitIsDetectedReportedAndRebuilt() throws IOException {
    Mnist1dData first = cache.get(args);
    Path f = cache.pathFor(args);
    byte[] all = Files.readAllBytes(f);
    byte[] bad = all.clone();
    bad[bad.length / 2] ^= 0x10; // inside x's values
    Files.write(f, bad);
    Mnist1dData again = cache.get(args);
    assertEquals(2, generated.get());
    assertOneWarningNaming(f);
    assertSame(first, again);
    assertArrayEquals(all, Files.readAllBytes(f));
  }

  @Test
  void missingChecksumFileMeansRebuild() throws IOException {
    cache.get(args);
    Files.delete(DatasetCache.checksumFile(cache.pathFor(args)));
    cache.get(args);
    assertEquals(2, generated.get());
    assertOneWarningNaming(cache.pathFor(args));
  }

  @Test
  void unwritableCacheStillGivesTheDatasetAndWarns() throws IOException {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    DatasetCache broken =
        new DatasetCache(
            notADir, Mnist1d::generate, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    Mnist1dData d = broken.get(args);
    assertEquals(args.trainCount(), d.x().length);
    String w = warnings.toString(StandardCharsets.UTF_8);
    assertEquals(1, w.lines().count(), w);
    assertTrue(w.startsWith("warning: cannot store dataset in cache " + notADir), w);
  }

  @Test
  void defaultDirectoryFollowsTheSystemProperty() {
    String old = System.getProperty("mnist1d.cache");
    try {
      System.setProperty("mnist1d.cache", dir.toString());
      assertEquals(dir, DatasetCache.atDefaultLocation().directory());
      System.clearProperty("mnist1d.cache");
      assertTrue(DatasetCache.defaultDirectory().endsWith("mnist1d"));
    } finally {
      if (old == null) {
        System.clearProperty("mnist1d.cache");
      } else {
        System.setProperty("mnist1d.cache", old);
      }
    }
  }

  private void assertOneWarningNaming(Path f) {
    String w = warnings.toString(StandardCharsets.UTF_8);
    assertEquals(1, w.lines().count(), w);
    assertTrue(w.startsWith("warning: ") && w.contains(f.toString()), w);
  }

  private static void assertSame(Mnist1dData a, Mnist1dData b) {
    assertArrayEquals(a.y(), b.y());
    assertArrayEquals(a.yTest(), b.yTest());
    assertArrayEquals(a.t(), b.t(), 0.0);
    for (int i = 0; i < a.x().length; i++) {
      assertArrayEquals(a.x()[i], b.x()[i], 0.0);
    }
    for (int i = 0; i < a.xTest().length; i++) {
      assertArrayEquals(a.xTest()[i], b.xTest()[i], 0.0);
    }
  }
}
