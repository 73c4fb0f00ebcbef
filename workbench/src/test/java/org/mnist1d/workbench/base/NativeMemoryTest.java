package org.mnist1d.workbench.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The malloc settings do what they are for (a step's freed buffers stay in the process), and every
 * way a workbench JVM starts sets them: the launcher, the test runner, and shell scripts.
 */
class NativeMemoryTest {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "."));

  @Test
  void theSettingsKeepAStepsBuffersInTheProcess() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
    double without = faultsPerStep(false);
    double with = faultsPerStep(true);
    // without: the step's 1 MB weight-sized buffers come fresh from the kernel (300 to 800 faults
    // a step here); with: a few (measured: 6 to 11)
    assertTrue(without > 100, "faults per step without the settings: " + without);
    assertTrue(with < without / 10, "faults per step with " + with + ", without " + without);
    System.out.printf(
        "page faults per step: %.1f without the settings, %.1f with%n", without, with);
  }

  private static double faultsPerStep(boolean settings) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Xmx256m"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
    cmd.add(PageFaultProbe.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    NativeMemory.ENVIRONMENT.keySet().forEach(env::remove);
    if (settings) {
      NativeMemory.addTo(env);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    String[] lines = out.split("\n");
    return Double.parseDouble(lines[lines.length - 1]);
  }

  @Test
  void theTestRunnerSetsThem() {
    NativeMemory.ENVIRONMENT.forEach(
        (k, v) -> assertEquals(v, System.getenv(k), k + " (workbench/pom.xml, surefire)"));
  }

  @Test
  void theLauncherSetsThemUnlessTheUserDid() throws Exception {
    String launcher = Files.readString(ROOT.resolve("bin/workbench"));
    NativeMemory.ENVIRONMENT.forEach(
        (k, v) ->
            assertTrue(
                launcher.contains("export " + k + "=\"${" + k + ":-" + v + "}\""),
                "bin/workbench exports " + k + "=" + v));
  }

  @Test
  void shellExportsKeepAUsersValue() throws Exception {
    String script =
        NativeMemory.exports() + "\necho \"$MALLOC_MMAP_THRESHOLD_ $MALLOC_TRIM_THRESHOLD_\"";
    assertEquals("33554432 67108864", bash(script, Map.of()));
    assertEquals("1024 67108864", bash(script, Map.of("MALLOC_MMAP_THRESHOLD_", "1024")));
  }

  private static String bash(String script, Map<String, String> preset) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    NativeMemory.ENVIRONMENT.keySet().forEach(pb.environment()::remove);
    pb.environment().putAll(preset);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
