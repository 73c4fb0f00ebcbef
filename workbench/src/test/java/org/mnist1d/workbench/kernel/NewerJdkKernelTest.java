package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kernel runs and stops cells on the newest JDK installed beside this one (JShell's local
 * engine changed after JDK 17: {@code Thread.stop} throws from JDK 20 on, and later JDKs compile
 * their own stop checks into snippets). Skipped, saying so, where no JDK 20 or later is found in
 * {@code /usr/lib/jvm} or {@code -Dworkbench.test.newer.jdk=JAVA_HOME}.
 */
class NewerJdkKernelTest {

  @Test
  void cellsRunAndStopOnANewerJdk() throws Exception {
    Optional<Path> java = newestJava();
    Assumptions.assumeTrue(
        java.isPresent(), "no JDK 20 or later in /usr/lib/jvm or -Dworkbench.test.newer.jdk");
    Process p =
        new ProcessBuilder(
                java.get().toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KernelSmoke.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the smoke test ends");
    assertEquals(0, p.exitValue(), java.get() + ": " + out);
    assertTrue(out.strip().startsWith("ok "), out);
  }

  /** The java launcher of the newest JDK (feature release 20 or later) available. */
  private static Optional<Path> newestJava() throws Exception {
    String given = System.getProperty("workbench.test.newer.jdk");
    List<Path> homes;
    if (given != null && !given.isBlank()) {
      homes = List.of(Path.of(given));
    } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
      try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
        homes = s.toList();
      }
    } else {
      homes = List.of();
    }
    return homes.stream()
        .filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= 20)
        .max(Comparator.comparingInt(NewerJdkKernelTest::feature))
        .map(h -> h.resolve("bin/java"));
  }

  /** The JDK's feature release from its {@code release} file (JAVA_VERSION="25.0.3"), or 0. */
  private static int feature(Path home) {
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(v.split("[.+-]")[0]);
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return 0;
  }
}
