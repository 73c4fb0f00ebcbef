package org.mnist1d.workbench.sweep;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another workbench JVM like this one: the same {@code java}, JVM options and class
 * path (made absolute, so it works from any directory), the workbench's system properties ({@code
 * workbench.*}, {@code mnist1d.*}, {@code ai.djl.*}) and the CLI's main class. Debugger options are
 * left out (two JVMs cannot listen on one port), and so is a class-data archive being written
 * ({@code -XX:ArchiveClassesAtExit}: two JVMs must not write one file); one being read is kept.
 */
public record JavaCommand(
    String java, List<String> jvmOptions, String classPath, String mainClass) {
  public JavaCommand {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** This JVM's java, options and class path, with {@code mainClass} as the entry point. */
  public static JavaCommand current(String mainClass) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> options = new ArrayList<>();
    for (String o : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherited(o)) {
        options.add(o);
      }
    }
    // the workbench's own settings, also when they were set inside this JVM (as test runners do)
    System.getProperties().stringPropertyNames().stream()
        .filter(
            k -> k.startsWith("workbench.") || k.startsWith("mnist1d.") || k.startsWith("ai.djl."))
        .sorted()
        .map(k -> "-D" + k + "=" + System.getProperty(k))
        .filter(o -> !options.contains(o))
        .forEach(options::add);
    List<String> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!e.isEmpty()) {
        entries.add(Path.of(e).toAbsolutePath().normalize().toString());
      }
    }
    return new JavaCommand(java, options, String.join(File.pathSeparator, entries), mainClass);
  }

  /** Whether a child JVM gets this JVM's option {@code o}. */
  static boolean inherited(String o) {
    return !o.startsWith("-agentlib:jdwp")
        && !o.startsWith("-Xrunjdwp")
        && !o.equals("-Xdebug")
        && !o.startsWith("-XX:ArchiveClassesAtExit");
  }

  /** Compilation stops at C1: no optimising compiler. */
  static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

  /** The collector that works on the application's own thread: no GC worker threads. */
  static final String SERIAL_COLLECTOR = "-XX:+UseSerialGC";

  /**
   * This command for a worker that shares every core with other workers: the JVM's quick compiler
   * only (C1) and the serial collector, so that the JVM's own background work (C2's compilations,
   * some seconds of CPU per JVM, and G1's threads) does not take the cores from training. Options
   * the user chose ({@code -XX:TieredStopAtLevel}, {@code -XX:-TieredCompilation}, any {@code
   * -XX:+Use...GC}) win.
   */
  public JavaCommand sharingCores() {
    List<String> options = new ArrayList<>();
    if (jvmOptions.stream()
        .noneMatch(o -> o.contains("TieredStopAtLevel") || o.contains("TieredCompilation"))) {
      options.add(QUICK_COMPILER);
    }
    if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
      options.add(SERIAL_COLLECTOR);
    }
    options.addAll(jvmOptions);
    return new JavaCommand(java, options, classPath, mainClass);
  }

  /**
   * The command for sweep workers that keep {@code threads} engine threads busy on {@code cores}
   * cores: {@link #sharingCores} when the experiment's time is in the engine and the workers fill
   * every core, else this command.
   */
  public JavaCommand forWorkers(boolean timeInEngine, int threads, int cores) {
    return timeInEngine && threads >= cores ? sharingCores() : this;
  }

  /** The command line that runs the CLI with {@code args}. */
  public List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }
}
