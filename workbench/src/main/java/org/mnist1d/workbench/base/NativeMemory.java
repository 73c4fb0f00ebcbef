package org.mnist1d.workbench.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The glibc malloc settings every workbench JVM runs with, as environment variables (read once, at
 * process start, so a JVM passes them to the processes it starts: sweep workers, Slurm tasks, the
 * notebook kernel; {@code bin/workbench} and the test runner set the same values).
 *
 * <p>Why: libtorch allocates each step's buffers with malloc and frees them at the end of the step.
 * The JVM runs the step on a thread of its own, whose malloc arena glibc trims back to the system
 * whenever more than about twice the largest freed buffer lies free at its top; buffers above
 * glibc's dynamic mmap threshold are mapped and unmapped each time. Either way the next step takes
 * its memory fresh from the kernel: page faults and zeroed pages, 780 faults a step in the lottery
 * MLP's step (1.5 million over 2,000 steps), which doubled its time. With these settings buffers up
 * to 32 MiB come from the arena and it keeps up to 64 MiB free: 20 faults a step. A process's
 * resident memory then stays near its peak instead of shrinking between steps.
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** Variable names and values, in a fixed order. */
  public static final Map<String, String> ENVIRONMENT = settings();

  private static Map<String, String> settings() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MALLOC_MMAP_THRESHOLD_", String.valueOf(32L << 20));
    env.put("MALLOC_TRIM_THRESHOLD_", String.valueOf(64L << 20));
    return Collections.unmodifiableMap(env);
  }

  /** Adds each setting to {@code env} where it is not set already: a user's own value wins. */
  public static void addTo(Map<String, String> env) {
    ENVIRONMENT.forEach(env::putIfAbsent);
  }

  /** The settings as {@code export NAME="${NAME:-value}"} lines for a shell script. */
  public static String exports() {
    StringBuilder b = new StringBuilder();
    ENVIRONMENT.forEach(
        (k, v) ->
            b.append("export ")
                .append(k)
                .append("=\"${")
                .append(k)
                .append(":-")
                .append(v)
                .append("}\"\n"));
    return b.toString().strip();
  }
}
