package org.mnist1d.workbench.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.bench.BenchTiming;
import org.mnist1d.workbench.bench.BenchWorkload;
import org.mnist1d.workbench.bench.BenchWorkloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbench bench}: runs named workloads from {@link BenchWorkloads}, warm-up first, then
 * timed iterations, and prints median/min/max per workload.
 *
 * <p>Touches no DJL class itself: {@code --threads} must reach PyTorch before its engine loads.
 */
@Command(
    name = "bench",
    description = {
      "Time benchmark workloads (all when none is named): warm-up, then timed iterations.",
      "Record figures in BENCHMARKS.md with --threads 1."
    })
public final class BenchCommand implements Callable<Integer> {
  /** DJL's PyTorch intra-op thread count property, read when the engine loads. */
  public static final String THREADS_PROPERTY = EngineThreads.THREADS_PROPERTY;

  /** DJL's PyTorch inter-op thread count property, read when the engine loads. */
  public static final String INTEROP_THREADS_PROPERTY = EngineThreads.INTEROP_THREADS_PROPERTY;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Workloads to run (default: all). Use --list to see them.")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--json",
      description = "Print one JSON object per workload instead of a table line.")
  boolean json;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "PyTorch intra- and inter-op threads (default 1); set before the engine loads.")
  Integer threads;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Timed iterations (default: each workload's own).")
  Integer iterations;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Warm-up iterations (default: each workload's own).")
  Integer warmup;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description = "Timed rounds of --iterations each, one line per round (default 1).")
  int rounds = 1;

  @Option(
      names = "--paced",
      description = {
        "After the warm-up print a line saying so, then wait for a line on stdin before each",
        "round (end of input stops): lets another program alternate its own timings with these",
        "rounds in one warm process."
      })
  boolean paced;

  @Option(names = "--list", description = "List the workloads and exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    EngineThreads.set(threads);
    if (iterations != null && iterations < 1) {
      throw new UserError("--iterations: expected an integer >= 1, got " + iterations);
    }
    if (warmup != null && warmup < 0) {
      throw new UserError("--warmup: expected an integer >= 0, got " + warmup);
    }
    if (rounds < 1) {
      throw new UserError("--rounds: expected an integer >= 1, got " + rounds);
    }
    List<BenchWorkload> all = BenchWorkloads.all();
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      for (BenchWorkload w : all) {
        out.printf("%-24s %s%n", w.name(), w.description());
      }
      out.flush();
      return 0;
    }
    List<BenchWorkload> chosen = choose(all);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    for (BenchWorkload w : chosen) {
      BenchTiming.Pace pace = paced ? stdinPace(w, in, out) : () -> true;
      int[] round = {0};
      BenchTiming.rounds(
          w,
          warmup != null ? warmup : w.warmup(),
          iterations != null ? iterations : w.iterations(),
          rounds,
          pace,
          t -> {
            Map<String, Object> result = figures(t, rounds > 1 || paced ? ++round[0] : null);
            out.println(json ? toJson(result) : toLine(result));
            out.flush();
          });
    }
    return 0;
  }

  /** Rounds paced by stdin lines; announces the end of the warm-up on {@code out}. */
  private BenchTiming.Pace stdinPace(BenchWorkload w, BufferedReader in, PrintWriter out) {
    return new BenchTiming.Pace() {
      @Override
      public boolean next() throws IOException {
        return in.readLine() != null;
      }

      @Override
      public void warmedUp() {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("name", w.name());
        ready.put("warmed_up", true);
        out.println(json ? toJson(ready) : w.name() + ": warmed up, waiting for a line per round");
        out.flush();
      }
    };
  }

  private List<BenchWorkload> choose(List<BenchWorkload> all) {
    if (names.isEmpty()) {
      return all;
    }
    List<BenchWorkload> chosen = new ArrayList<>();
    for (String n : names) {
      BenchWorkload w = all.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
      if (w == null) {
        List<String> known = all.stream().map(BenchWorkload::name).toList();
        throw new UserError(
            "unknown workload '"
                + n
                + "'; known: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)));
      }
      chosen.add(w);
    }
    return chosen;
  }

  private Map<String, Object> figures(BenchTiming.Result t, Integer round) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", t.name());
    r.put("median_ms", round(t.medianMs()));
    r.put("min_ms", round(t.minMs()));
    r.put("max_ms", round(t.maxMs()));
    r.put("iterations", t.iterations());
    r.put("warmup", t.warmup());
    if (round != null) {
      r.put("round", round);
    }
    r.put(
        "threads",
        threads != null ? (Object) threads : System.getProperty(THREADS_PROPERTY, "default"));
    r.put("peak_heap_mb", round(t.peakHeapMb()));
    if (t.peakRssMb() != null) {
      r.put("peak_rss_mb", round(t.peakRssMb()));
    }
    return r;
  }

  private static String toLine(Map<String, Object> r) {
    return String.format(
        "%-24s median %10.3f ms   min %10.3f   max %10.3f   (%s%s iterations, threads %s, peak heap %.0f MB%s)",
        r.get("name"),
        (Double) r.get("median_ms"),
        (Double) r.get("min_ms"),
        (Double) r.get("max_ms"),
        r.containsKey("round") ? "round " + r.get("round") + ": " : "",
        r.get("iterations"),
        r.get("threads"),
        (Double) r.get("peak_heap_mb"),
        r.containsKey("peak_rss_mb")
            ? String.format(", peak RSS %.0f MB", (Double) r.get("peak_rss_mb"))
            : "");
  }

  private static String toJson(Map<String, Object> r) {
    try {
      return new ObjectMapper().writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
