package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Jupyter: installs the kernelspec into a temporary prefix and executes fixture notebooks with
 * {@code jupyter nbconvert --execute}. Skipped where Jupyter (with nbconvert) is not installed.
 */
class JupyterExecutionTest {

  @TempDir static Path tmp;
  private static String jupyter;

  @BeforeAll
  static void installKernel() throws Exception {
    jupyter = findJupyter();
    Assumptions.assumeTrue(jupyter != null, "jupyter nbconvert is not installed");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path dir =
        Kernelspec.of(java, classpath, null, 1)
            .installInto(Kernelspec.prefixKernelsDir(tmp.resolve("prefix")));
    assertTrue(Files.isRegularFile(dir.resolve("kernel.json")));
  }

  @Test
  void aNotebookRunsWithOutputsDisplaysAndJars() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("ok"));
    DemoJar.jar(tmp.resolve("build"), work.resolve("lib/demo.jar"));
    Path nb = copyFixture("fixture-ok.ipynb", work);
    Result r = nbconvert(work, nb, "out.ipynb");
    assertEquals(0, r.exitCode, r.output);

    JsonNode cells = new ObjectMapper().readTree(work.resolve("out.ipynb").toFile()).get("cells");
    assertEquals("hello 42\n", text(cells.get(0).get("outputs").get(0).get("text")));
    JsonNode shown = cells.get(1).get("outputs").get(0);
    assertEquals("display_data", shown.get("output_type").asText());
    assertEquals("<b>bold</b>", text(shown.get("data").get("text/html")));
    JsonNode result = cells.get(2).get("outputs").get(0);
    assertEquals("execute_result", result.get("output_type").asText());
    assertEquals(DemoJar.GREETING, text(result.get("data").get("text/plain")));
  }

  @Test
  void aCompileErrorFailsTheRun() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("error"));
    Path nb = copyFixture("fixture-compile-error.ipynb", work);
    Result r = nbconvert(work, nb, "out.ipynb");
    assertNotEquals(0, r.exitCode, r.output);
    assertTrue(r.output.contains("CellExecutionError"), r.output);
    assertTrue(r.output.contains("CompilationException: cannot find symbol"), r.output);
    assertTrue(!r.output.contains("never printed\n"), r.output);
  }

  private record Result(int exitCode, String output) {}

  private static Result nbconvert(Path work, Path notebook, String output) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                jupyter,
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=120",
                "--output",
                output,
                notebook.getFileName().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("JUPYTER_PATH", tmp.resolve("prefix/share/jupyter").toString());
    pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
    pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("nbconvert did not finish:\n" + out);
    }
    return new Result(p.exitValue(), out);
  }

  private static Path copyFixture(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = JupyterExecutionTest.class.getResourceAsStream(name)) {
      Files.copy(in, target);
    }
    return target;
  }

  /** Notebook text fields are a string or a list of lines. */
  static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder();
      node.forEach(n -> sb.append(n.asText()));
      return sb.toString();
    }
    return node.asText();
  }

  /**
   * Debian's jupyter first (the one CI installs), else one on the PATH; null when nbconvert is
   * missing.
   */
  static String findJupyter() {
    for (String candidate : List.of("/usr/bin/jupyter", "jupyter")) {
      try {
        Process p =
            new ProcessBuilder(candidate, "nbconvert", "--version")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException | InterruptedException e) {
        // not this one
      }
    }
    return null;
  }
}
