package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebooks in {@code notebooks/} as committed: on this kernel, IJava-compatible first cell,
 * every code cell executed with its outputs kept, no cell error, no path of the machine that ran
 * it. (CI executes them again with Jupyter: see {@code .ci/notebooks}.)
 */
class CommittedNotebooksTest {

  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @TestFactory
  Stream<DynamicTest> eachNotebook() throws IOException {
    Path dir = ROOT.resolve("notebooks");
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(dir)) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
    return notebooks.stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path notebook) throws IOException {
    JsonNode nb = new ObjectMapper().readTree(notebook.toFile());
    assertEquals(WorkbenchKernel.NAME, nb.at("/metadata/kernelspec/name").asText(), "kernelspec");
    assertEquals(
        "java", nb.at("/metadata/language_info/name").asText(), "executed by a Java kernel");

    JsonNode first = null;
    for (JsonNode cell : nb.get("cells")) {
      if (!cell.get("cell_type").asText().equals("code")) {
        continue;
      }
      String source = JupyterExecutionTest.text(cell.get("source"));
      if (first == null) {
        first = cell;
        assertTrue(
            source.contains("%jars ../workbench/target/workbench.jar"),
            "first code cell loads the jar, IJava style");
        assertTrue(
            source.contains("%jars ../workbench/target/lib/*.jar"),
            "first code cell loads the libraries");
      }
      assertTrue(cell.get("execution_count").isInt(), "not executed: " + source);
      for (JsonNode out : cell.get("outputs")) {
        assertFalse(
            out.get("output_type").asText().equals("error"),
            "error output in: " + source + "\n" + out);
        assertFalse(
            out.toString().contains(ROOT.toString()), "output shows a local path: " + source);
      }
    }
    assertTrue(first != null, "no code cell");
  }
}
