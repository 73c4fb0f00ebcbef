package org.mnist1d.workbench.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.io.AtomicFile;

/**
 * The kernelspec Jupyter reads to start this kernel ({@code
 * kernels/mnist1d-workbench/kernel.json}): the command line, the name shown in menus, the language.
 */
public record Kernelspec(List<String> argv, String displayName, String language) {

  /** The kernel's main class, as the kernelspec starts it. */
  public static final String MAIN_CLASS = "org.mnist1d.workbench.cli.Main";

  /**
   * A kernelspec that starts this JVM's {@code java} on this JVM's class path (the workbench jar,
   * whose manifest brings {@code lib/*}), offline, with the same workbench root.
   *
   * @param threads PyTorch intra-op threads: notebooks train small models, whose operations are too
   *     small to split, and extra threads only contend (one outer step of metalearn-lr: 130 ms on
   *     one thread, seconds on two on a busy 2-core machine)
   */
  public static Kernelspec forThisJvm(int threads) {
    return of(
        Path.of(System.getProperty("java.home"), "bin", "java"),
        System.getProperty("java.class.path"),
        System.getProperty("workbench.root"),
        threads);
  }

  /**
   * A kernelspec that runs {@code java} on {@code classpath} (entries made absolute).
   *
   * @param root the workbench root passed on as {@code -Dworkbench.root}, or null
   * @param threads PyTorch intra-op threads ({@code -Dai.djl.pytorch.num_threads})
   */
  public static Kernelspec of(Path java, String classpath, String root, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    String cp =
        Arrays.stream(classpath.split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
            .reduce((a, b) -> a + File.pathSeparator + b)
            .orElseThrow(() -> new IllegalArgumentException("empty class path"));
    List<String> argv =
        new ArrayList<>(
            List.of(
                java.toAbsolutePath().toString(),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Djava.awt.headless=true"));
    if (root != null) {
      argv.add("-Dworkbench.root=" + Path.of(root).toAbsolutePath().normalize());
    }
    argv.addAll(
        List.of("-cp", cp, MAIN_CLASS, "kernel", "run", "--connection-file", "{connection_file}"));
    return new Kernelspec(List.copyOf(argv), "Java (MNIST-1D workbench)", "java");
  }

  /** The {@code kernel.json} text. Interrupts go as messages: a SIGINT would end the JVM. */
  public String json() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", displayName);
    spec.put("language", language);
    spec.put("interrupt_mode", "message");
    spec.put("metadata", Map.of("debugger", false));
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec)
          + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes {@code kernelsDir/mnist1d-workbench/kernel.json}, replacing an older one atomically.
   *
   * @return the kernel's folder
   */
  public Path installInto(Path kernelsDir) throws IOException {
    Path dir = kernelsDir.resolve(WorkbenchKernel.NAME);
    Files.createDirectories(dir);
    byte[] text = json().getBytes(StandardCharsets.UTF_8);
    AtomicFile.write(dir.resolve("kernel.json"), out -> out.write(text));
    return dir;
  }

  /** Where {@code jupyter kernelspec install --user} puts kernels: Jupyter's user data folder. */
  public static Path userKernelsDir() {
    String data = System.getenv("JUPYTER_DATA_DIR");
    if (data != null && !data.isBlank()) {
      return Path.of(data, "kernels");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    // Jupyter reads $HOME; Java's user.home comes from the password database and may differ.
    String home = System.getenv("HOME");
    home = home != null && !home.isBlank() ? home : System.getProperty("user.home");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
    return base.resolve("jupyter").resolve("kernels");
  }

  /** Where {@code jupyter kernelspec install --prefix DIR} puts kernels. */
  public static Path prefixKernelsDir(Path prefix) {
    return prefix.resolve("share").resolve("jupyter").resolve("kernels");
  }
}
