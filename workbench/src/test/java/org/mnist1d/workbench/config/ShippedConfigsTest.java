package org.mnist1d.workbench.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.Experiments;
import org.mnist1d.workbench.report.ReportSpec;

/** Every experiment and report file shipped in configs/ loads without error. */
class ShippedConfigsTest {
  /**
   * configs/ of this checkout, found upwards from Maven's project root or the working directory.
   */
  private static Path configs() {
    for (Path p = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      if (Files.isDirectory(p.resolve("configs/reports"))) {
        return p.resolve("configs");
      }
    }
    throw new IllegalStateException("no configs/ above " + System.getProperty("project.root"));
  }

  @Test
  void experimentFilesLoad() throws Exception {
    ConfigLoader loader = new ConfigLoader(Experiments.all());
    List<Path> files;
    try (Stream<Path> s = Files.list(configs())) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      assertFalse(loader.load(f, List.of()).isEmpty(), f.toString());
    }
  }

  @Test
  void reportFilesParse() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(configs().resolve("reports"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      ReportSpec spec = ReportSpec.parse(YamlReader.read(f));
      assertTrue(!spec.tables().isEmpty() || !spec.charts().isEmpty(), f.toString());
    }
  }

  @Test
  void classificationSweepIsTheBenchmark() throws Exception {
    List<ConfigLoader.Point> points =
        new ConfigLoader(Experiments.all())
            .load(configs().resolve("classification.yaml"), List.of());
    assertTrue(points.size() == 8, "4 models x normal/shuffled");
    Config c = points.get(0).config();
    assertTrue(
        c.integer("training.steps") == 6000
            && c.integer("training.batch") == 100
            && c.number("training.lr") == 0.01
            && c.seed() == 42
            && c.dataset().equals(org.mnist1d.Mnist1dArgs.defaults()));
  }

  @Test
  void poolingSweepIsTheNotebooks() throws Exception {
    List<ConfigLoader.Point> points =
        new ConfigLoader(Experiments.all()).load(configs().resolve("pooling.yaml"), List.of());
    assertTrue(points.size() == 30, "6 sizes x 5 variants");
    java.util.Set<Long> sizes = new java.util.TreeSet<>();
    for (ConfigLoader.Point p : points) {
      Config c = p.config();
      org.mnist1d.Mnist1dArgs d = c.dataset();
      long n = ((Number) p.params().get("train_size")).longValue();
      sizes.add(n);
      assertTrue(d.trainCount() == n && d.count() - d.trainCount() == 1000, p.params().toString());
      assertTrue(
          c.integer("training.steps") == 6000
              && c.integer("training.eval_every") == 100
              && c.number("training.lr") == 0.01
              && c.integer("channels") == 20
              && c.seed() == 0
              && d.seed() == 42,
          p.params().toString());
    }
    assertTrue(
        sizes.equals(
            new java.util.TreeSet<>(List.of(1000L, 2000L, 5000L, 10000L, 20000L, 50000L))));
  }

  @Test
  void doubleDescentSweepsAreTheNotebooks() throws Exception {
    ConfigLoader loader = new ConfigLoader(Experiments.all());
    List<ConfigLoader.Point> mlp =
        loader.load(configs().resolve("double-descent-mlp.yaml"), List.of());
    List<ConfigLoader.Point> cnn =
        loader.load(configs().resolve("double-descent-cnn.yaml"), List.of());
    // np.unique(np.geomspace(2, 300, 20, dtype=int)); concat(arange(2, 30, 2), arange(30, 101, 5))
    List<Integer> mlpWidths =
        List.of(2, 3, 4, 5, 7, 9, 12, 16, 21, 27, 36, 47, 61, 80, 104, 135, 177, 230, 300);
    List<Integer> cnnWidths = new java.util.ArrayList<>();
    for (int c = 2; c < 30; c += 2) {
      cnnWidths.add(c);
    }
    for (int c = 30; c <= 100; c += 5) {
      cnnWidths.add(c);
    }
    assertTrue(mlp.size() == 38 && cnn.size() == 29);
    for (ConfigLoader.Point p : mlp) {
      assertTrue(mlpWidths.contains(p.config().integer("width")));
    }
    assertTrue(
        cnn.stream().map(p -> p.config().integer("width")).toList().equals(cnnWidths),
        "CNN widths");
    assertTrue(
        mlp.stream()
            .map(p -> p.config().dataset().labelNoise())
            .distinct()
            .sorted()
            .toList()
            .equals(List.of(0.0, 0.15)));
    for (ConfigLoader.Point p : cnn.subList(0, 1)) {
      assertTrue(
          p.config().dataset().labelNoise() == 0.15 && p.config().string("model").equals("cnn"));
    }
    for (ConfigLoader.Point p : mlp.subList(0, 1)) {
      Config c = p.config();
      assertTrue(
          c.dataset().trainCount() == 4000
              && c.dataset().count() == 16000
              && c.integer("training.epochs") == 500
              && c.integer("training.batch") == 100
              && c.number("training.lr") == 0.01
              && c.number("training.momentum") == 0.9);
    }
  }

  @Test
  void publishedNumbersAreComplete() throws Exception {
    ReportSpec pooling =
        ReportSpec.parse(YamlReader.read(configs().resolve("reports/pooling.yaml")));
    assertTrue(pooling.data().get(0).rows().size() == 30, "6 sizes x 5 variants");
    ReportSpec dd =
        ReportSpec.parse(YamlReader.read(configs().resolve("reports/double-descent.yaml")));
    assertTrue(dd.data().get(0).rows().size() == 19 * 2 + 29, "MLP clean and noisy, CNN noisy");
  }
}
