package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.Npz;

/** {@code workbench dataset}: writes .npz/.csv; every bad argument is one line, exit 2, no file. */
class DatasetCommandTest {
  @TempDir Path dir;

  @Test
  void writesAnNpzAndSummarisesItOnOneLine() throws Exception {
    Path out = dir.resolve("d.npz");
    CommandRun r =
        CommandRun.of(
            "dataset", "--set", "num_samples=50", "--set", "seed=1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(
        r.out().contains("x 40x40")
            && r.out().contains("x_test 10x40")
            && r.out().contains(out.toString()),
        r.out());
    Mnist1dData d = Npz.read(out);
    assertEquals(40, d.x().length);
    int[] counts = Mnist1dData.classCounts(d.y());
    String expected = java.util.Arrays.toString(counts).replace(" ", "");
    assertTrue(r.out().contains("train per class " + expected), r.out());
  }

  @Test
  void writesACsvByExtension() throws Exception {
    Path out = dir.resolve("d.CSV");
    CommandRun r = CommandRun.of("dataset", "--set", "num_samples=20", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(21, lines.size());
    assertTrue(lines.get(0).startsWith("split,label,x0,"));
  }

  @Test
  void listsArgumentsWithDefaults() {
    CommandRun r = CommandRun.of("dataset", "--list-args");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("num_samples") && r.out().contains("5000"), r.out());
    assertTrue(r.out().contains("padding") && r.out().contains("36,60"), r.out());
    assertTrue(r.out().contains("label_noise") && r.out().contains("0.0"), r.out());
    assertEquals(13, r.out().lines().count());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "num_sample=100         | num_sample | did you mean num_samples",
        "num_samples=abc        | num_samples | integer",
        "num_samples=2.5        | num_samples | integer",
        "num_samples=5          | num_samples | >= 10",
        "train_split=1.5        | train_split | between 0 and 1",
        "train_split=0          | train_split | between 0 and 1",
        "label_noise=1.5        | label_noise | in [0, 1]",
        "label_noise=-0.1       | label_noise | in [0, 1]",
        "train_split=x          | train_split | number",
        "train_split=0.0001     | train_split | no training",
        "padding=36             | padding | low,high",
        "padding=60,36          | padding | low <= high",
        "padding=a,b            | padding | two integers",
        "padding=-1,5           | padding | 0 <= low",
        "max_translation=0      | max_translation | >= 1",
        "final_seq_length=1     | final_seq_length | >= 2",
        "template_len=1         | template_len | >= 2",
        "scale_coeff=-0.1       | scale_coeff | >= 0",
        "corr_noise_scale=-1    | corr_noise_scale | >= 0",
        "iid_noise_scale=-1     | iid_noise_scale | >= 0",
        "shear_scale=-1         | shear_scale | >= 0",
        "shear_scale=NaN        | shear_scale | finite",
        "seed=-1                | seed | 4294967295",
        "seed=4294967296        | seed | 4294967295",
        "shuffle_seq=yes        | shuffle_seq | true or false",
        "num_samples            | num_samples | NAME=VALUE",
      })
  void badArgumentIsOneLineExitTwoAndNoFile(String setting, String name, String expected)
      throws Exception {
    Path out = dir.resolve("d.npz");
    CommandRun r = CommandRun.of("dataset", "--set", setting, "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertTrue(r.err().contains(name), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
    assertNoFiles();
  }

  @Test
  void wrongExtensionNamesOutAndTheAllowedOnes() throws Exception {
    CommandRun r = CommandRun.of("dataset", "--out", dir.resolve("d.txt").toString());
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().contains("--out") && r.err().contains(".npz") && r.err().contains(".csv"), r.err());
    assertNoFiles();
  }

  @Test
  void unwritableOutIsOneLineExitTwo() throws Exception {
    Path taken =
        Files.createDirectory(dir.resolve("taken.npz")); // a directory where the file should go
    CommandRun r = CommandRun.of("dataset", "--set", "num_samples=20", "--out", taken.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: --out " + taken), r.err());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(taken), s.toList(), "no temporary file left");
    }
  }

  @Test
  void missingOutIsAUserError() {
    CommandRun r = CommandRun.of("dataset", "--set", "seed=3");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--out"), r.err());
  }

  private void assertNoFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.toList());
    }
  }
}
