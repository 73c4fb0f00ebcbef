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
}
