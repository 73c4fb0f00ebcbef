package org.mnist1d.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package's promise (package-info): it uses the JDK only, no other workbench package. */
class ProbeDependenciesTest {
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(import\\s+(static\\s+)?[\\w.]+|org\\.mnist1d\\.workbench\\.\\w+)");

  @Test
  void usesTheJdkOnly() throws Exception {
    Path src =
        Path.of(
            System.getProperty("project.root", ".."),
            "workbench/src/main/java/org/mnist1d/workbench/probe");
    if (!Files.isDirectory(src)) {
      src = Path.of("src/main/java/org/mnist1d/workbench/probe");
    }
    List<String> bad = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.list(src)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        Matcher m = REFERENCE.matcher(Files.readString(f));
        while (m.find()) {
          String ref = m.group(1).replaceFirst("^import\\s+(static\\s+)?", "");
          boolean ok = ref.startsWith("java.") || ref.equals("org.mnist1d.workbench.probe");
          if (!ok) {
            bad.add(f.getFileName() + ": " + ref);
          }
        }
      }
    }
    assertTrue(files >= 10, "found only " + files + " sources in " + src);
    assertEquals(List.of(), bad);
  }
}
