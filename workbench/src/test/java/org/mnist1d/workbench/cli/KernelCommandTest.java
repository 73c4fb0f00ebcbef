package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCommandTest {

  @Test
  void installWritesAKernelspecUnderThePrefix(@TempDir Path prefix) throws Exception {
    assertEquals(0, Main.execute("kernel", "install", "--prefix", prefix.toString()));
    Path json = prefix.resolve("share/jupyter/kernels/mnist1d-workbench/kernel.json");
    JsonNode spec = new ObjectMapper().readTree(json.toFile());
    assertEquals("java", spec.get("language").asText());
    assertEquals("message", spec.get("interrupt_mode").asText());
    List<String> argv = new ArrayList<>();
    spec.get("argv").forEach(a -> argv.add(a.asText()));
    assertTrue(
        Path.of(argv.get(0)).isAbsolute() && Files.isExecutable(Path.of(argv.get(0))), argv.get(0));
    assertTrue(argv.contains("-Dai.djl.offline=true"), argv.toString());
    assertTrue(argv.contains("-Dai.djl.pytorch.num_threads=1"), argv.toString());
    assertEquals(
        List.of("kernel", "run", "--connection-file", "{connection_file}"),
        argv.subList(argv.size() - 4, argv.size()));
    String cp = argv.get(argv.indexOf("-cp") + 1);
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      assertTrue(Path.of(entry).isAbsolute(), entry);
    }
    try (var leftovers = Files.list(json.getParent())) {
      assertEquals(List.of(json), leftovers.toList(), "no temporary file is left behind");
    }
  }

  /** As Jupyter does, --user follows $HOME (and XDG_DATA_HOME / JUPYTER_DATA_DIR when set). */
  @Test
  void userInstallGoesUnderHome(@TempDir Path home) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                Main.class.getName(),
                "kernel",
                "install",
                "--user")
            .redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.environment().remove("XDG_DATA_HOME");
    pb.environment().remove("JUPYTER_DATA_DIR");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertTrue(
        Files.isRegularFile(
            home.resolve(".local/share/jupyter/kernels/mnist1d-workbench/kernel.json")),
        out);
  }

  @Test
  void userAndPrefixTogetherIsAUsageError(@TempDir Path prefix) {
    CommandRun r = CommandRun.of("kernel", "install", "--user", "--prefix", prefix.toString());
    assertEquals(Cli.USAGE, r.code());
    assertEquals(
        "error: --user, --prefix=DIR are mutually exclusive (specify only one) (see 'workbench kernel install --help')",
        r.err().strip());
  }

  @Test
  void threadsAreSetOnTheKernelsCommandLine(@TempDir Path prefix) throws Exception {
    assertEquals(
        0, Main.execute("kernel", "install", "--prefix", prefix.toString(), "--threads", "2"));
    String json =
        Files.readString(prefix.resolve("share/jupyter/kernels/mnist1d-workbench/kernel.json"));
    assertTrue(json.contains("\"-Dai.djl.pytorch.num_threads=2\""), json);
    assertEquals(
        Cli.USAGE,
        Main.execute("kernel", "install", "--prefix", prefix.toString(), "--threads", "0"));
  }

  @Test
  void runWithoutAConnectionFileIsAUsageError(@TempDir Path dir) {
    assertEquals(
        Cli.USAGE,
        Main.execute("kernel", "run", "--connection-file", dir.resolve("none.json").toString()));
  }
}
