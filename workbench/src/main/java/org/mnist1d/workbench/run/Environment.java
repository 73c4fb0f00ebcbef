package org.mnist1d.workbench.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.mnist1d.workbench.base.WorkbenchVersion;

/** What a run ran on, for {@code env.json}: versions, device, threads, git commit, start time. */
public final class Environment {
  private Environment() {}

  /**
   * Makes sure the engine's native library is unpacked into DJL's cache before worker processes
   * start: two processes filling a fresh cache at once can fail to load it ("Failed to load PyTorch
   * native library"). When the bundled library is already there (every run after the first), this
   * does nothing, so that the sweep's own process neither waits for nor holds the library;
   * otherwise it loads the engine here. A failure is left for the workers to report.
   */
  public static void loadEngine() {
    if (nativeLibraryCached()) {
      return;
    }
    try {
      Engine.getInstance();
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      // each worker loads it again and reports its own error on its point
    }
  }

  /**
   * Whether every file of the bundled native library (pytorch-native-cpu's {@code
   * native/lib/pytorch.properties}: its version, flavour, platform and libraries) and DJL's JNI
   * library are in DJL's engine cache. False when anything is unknown (no bundled library, DJL told
   * to take its library from elsewhere): then the engine is loaded to be sure.
   */
  static boolean nativeLibraryCached() {
    for (String setting : List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR")) {
      if (Utils.getEnvOrSystemProperty(setting) != null) {
        return false;
      }
    }
    return nativeLibraryCached(Utils.getEngineCacheDir());
  }

  /** As {@link #nativeLibraryCached()}, in the engine cache under {@code cacheRoot}. */
  static boolean nativeLibraryCached(Path cacheRoot) {
    Properties p = new Properties();
    try (InputStream in =
        Environment.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
      if (in == null) {
        return false;
      }
      p.load(in);
    } catch (IOException e) {
      return false;
    }
    String version = p.getProperty("version");
    String flavor = p.getProperty("flavor");
    String classifier = p.getProperty("classifier");
    String libraries = p.getProperty("libraries");
    if (version == null || flavor == null || classifier == null || libraries == null) {
      return false;
    }
    Path dir = cacheRoot.resolve("pytorch").resolve(version + "-" + flavor + "-" + classifier);
    List<String> files = new ArrayList<>(List.of(libraries.split(",")));
    files.add(Engine.getDjlVersion() + "-libdjl_torch.so");
    return files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.strip())));
  }

  /** The facts, in a stable order. */
  public static Map<String, Object> describe(Device device, String requested) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workbench", WorkbenchVersion.get());
    m.put(
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("djl", Engine.getDjlVersion());
    Engine engine = Engine.getInstance();
    m.put("engine", engine.getEngineName());
    m.put("pytorch", engine.getVersion());
    m.put("device", device.toString()); // what the run's arrays live on
    m.put("device_requested", requested); // the config's device: auto, cpu or gpu
    m.put("device_name", deviceName(device));
    m.put("gpus_visible", engine.getGpuCount());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "engine default"));
    m.put("git_commit", gitCommit());
    m.put("started", Instant.now().toString());
    return m;
  }

  /**
   * Where this process runs, for summary.json's {@code process}: host, pid and, in a Slurm job, the
   * job id ({@code ARRAYJOB_TASK} for an array task).
   */
  public static Map<String, Object> process() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", hostName());
    m.put("pid", ProcessHandle.current().pid());
    String array = System.getenv("SLURM_ARRAY_JOB_ID");
    String task = System.getenv("SLURM_ARRAY_TASK_ID");
    String job = System.getenv("SLURM_JOB_ID");
    if (array != null && task != null) {
      m.put("slurm_job", array + "_" + task);
    } else if (job != null) {
      m.put("slurm_job", job);
    }
    return m;
  }

  /** This machine's short host name (the kernel's, so no DNS lookup can stall a run). */
  public static String hostName() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask Java
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The GPU's name (nvidia-smi) for a GPU device, else "cpu"; null when it cannot be told. */
  static String deviceName(Device device) {
    if (!device.isGpu()) {
      return "cpu";
    }
    try {
      Process p =
          new ProcessBuilder(
                  "nvidia-smi",
                  "--query-gpu=name",
                  "--format=csv,noheader",
                  "--id=" + device.getDeviceId())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (Exception e) {
      return null; // no nvidia-smi: the device string says enough
    }
  }

  /** HEAD of the workbench checkout, or null when git or the checkout is not there. */
  static String gitCommit() {
    String root = System.getProperty("workbench.root", ".");
    try {
      Process p =
          new ProcessBuilder("git", "-C", Path.of(root).toString(), "rev-parse", "HEAD")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
    } catch (Exception e) {
      // no git: leave it out
    }
    return null;
  }
}
