package org.mnist1d.workbench.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.run.Runner;
import org.mnist1d.workbench.slurm.Slurm;
import org.mnist1d.workbench.slurm.SlurmSweep;
import org.mnist1d.workbench.sweep.InProcess;
import org.mnist1d.workbench.sweep.JavaCommand;
import org.mnist1d.workbench.sweep.PointExecutor;
import org.mnist1d.workbench.sweep.PointOutcome;
import org.mnist1d.workbench.sweep.PointSelection;
import org.mnist1d.workbench.sweep.Sweep;
import org.mnist1d.workbench.sweep.SweepDisplay;
import org.mnist1d.workbench.sweep.WorkerPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench run CONFIG [--set k=v]... [--jobs N] [--only SPEC] [--list] [--resume]}: one run
 * directory per sweep point; or {@code --resume RUN_DIR}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run an experiment config (every sweep point), or resume an interrupted run.",
      "Prints each run directory on stdout as it is created; progress goes to stderr.",
      "A config with a report: section ends with that report over its runs, in RUNS_DIR/reports."
    })
public final class RunCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "CONFIG",
      description = "experiment YAML, e.g. configs/quickstart.yaml")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "override any config key, e.g. training.steps=500")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "where run directories go (default: ${DEFAULT-VALUE})")
  Path runsDir;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      arity = "0..1",
      fallbackValue = "",
      description = {
        "--resume RUN_DIR: continue this interrupted run from its last checkpoint.",
        "CONFIG --resume: continue the sweep: points whose run is done are skipped, interrupted or failed runs resume, missing ones start."
      })
  String resume;

  @Option(
      names = "--jobs",
      paramLabel = "N|auto",
      defaultValue = "1",
      description = {
        "run sweep points in N worker processes (default ${DEFAULT-VALUE}: one after another in this one);",
        "auto: the number of cores divided by --threads"
      })
  String jobs;

  @Option(
      names = "--only",
      paramLabel = "SPEC",
      description = "run only these points (indices as --list prints them), e.g. 3 or 0,4-7")
  String only;

  @Option(
      names = "--list",
      description = "print the sweep's points (index and parameters); run nothing")
  boolean list;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "PyTorch intra- and inter-op threads per run (default 1: fastest for these small models, and reproducible)")
  Integer threads;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @Option(
      names = "--no-report",
      description = "skip the sweep's report at the end (a Slurm sweep's report job writes it)")
  boolean noReport;

  /**
   * The sweep id the caller expects (a Slurm task: the file must not have changed since submit).
   */
  @Option(names = "--sweep", hidden = true, paramLabel = "ID")
  String expectedSweep;

  @Override
  public Integer call() throws Exception {
    Path singleRun = null;
    boolean resumeSweep = false;
    if (resume != null) {
      if (resume.isEmpty()) {
        resumeSweep = true;
      } else if (config == null && Files.isRegularFile(Path.of(resume))) {
        config = Path.of(resume); // run --resume CONFIG.yaml: the sweep
        resumeSweep = true;
      } else if (config == null) {
        singleRun = Path.of(resume);
      } else {
        throw new UserError(
            "run: give CONFIG --resume (continue a sweep) or --resume RUN_DIR (one run), not both");
      }
    }
    if (config == null && singleRun == null) {
      throw new UserError("run: give either CONFIG or --resume RUN_DIR");
    }
    if (singleRun != null) {
      if (!overrides.isEmpty()) {
        throw new UserError("run: --set cannot change a resumed run (its config.yaml is fixed)");
      }
      if (only != null || list || !jobs.equals("1")) {
        throw new UserError(
            "run: --only, --list and --jobs apply to a CONFIG, not to --resume RUN_DIR");
      }
    }
    EngineThreads.set(threads);
    if (singleRun != null) {
      return exitCode(List.of(outcome(runner().resume(singleRun))), null);
    }
    Sweep sweep = Sweep.load(config, overrides);
    if (expectedSweep != null && !expectedSweep.equals(sweep.id())) {
      throw new UserError(
          config
              + ": changed since the sweep was submitted (sweep id "
              + sweep.id()
              + ", submitted as "
              + expectedSweep
              + "); submit it again");
    }
    if (list) {
      for (int i = 0; i < sweep.points().size(); i++) {
        System.out.println(i + "\t" + sweep.describe(i));
      }
      return 0;
    }
    int n = sweep.points().size();
    PointSelection selection =
        only == null ? PointSelection.all(n) : PointSelection.parse("--only", only, n);
    int threadsPerRun = Integer.parseInt(System.getProperty(EngineThreads.THREADS_PROPERTY, "1"));
    int workers = jobs(jobs, threadsPerRun);
    Slurm slurm = new Slurm();
    Sweep.Plan plan =
        sweep.plan(runsDir, selection, resumeSweep, r -> SlurmSweep.mayBeAlive(r, slurm));
    plan.skipped()
        .forEach(
            (i, why) ->
                System.err.println("point " + i + " (" + sweep.describe(i) + "): skipped, " + why));
    sweep
        .writeMissingReports(plan)
        .forEach(
            (i, line) ->
                System.err.println("point " + i + " (" + sweep.describe(i) + "): " + line));

    PointExecutor executor;
    WorkerPool pool = null;
    Thread stopWorkers = null;
    if (workers == 1 || plan.tasks().size() <= 1) {
      executor = new InProcess(runsDir, runner());
    } else {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "worker",
                  config.toString(),
                  "--runs-dir",
                  runsDir.toString(),
                  "--threads",
                  String.valueOf(threadsPerRun),
                  "--sweep",
                  sweep.id()));
      overrides.forEach(
          o -> {
            args.add("--set");
            args.add(o);
          });
      SweepDisplay display =
          new SweepDisplay(
              sweep,
              Math.min(workers, plan.tasks().size()),
              plan.tasks().size(),
              System.out,
              System.err,
              SweepDisplay.interactive(),
              !quiet);
      JavaCommand java =
          JavaCommand.current(Main.class.getName())
              .forWorkers(
                  sweep.experiment().timeInEngine(),
                  Math.min(workers, plan.tasks().size()) * threadsPerRun,
                  Runtime.getRuntime().availableProcessors());
      pool = new WorkerPool(java, args, workers, display);
      WorkerPool stopping = pool;
      // Ctrl-C or SIGTERM: every worker gets SIGTERM (its run is marked failed and resumable)
      String again =
          "workbench run "
              + config
              + overrides.stream().map(o -> " --set '" + o + "'").collect(Collectors.joining())
              + (runsDir.equals(Path.of("runs")) ? "" : " --runs-dir " + runsDir)
              + " --resume";
      stopWorkers =
          new Thread(
              () -> {
                stopping.stop();
                System.err.println("interrupted; continue the sweep with: " + again);
              },
              "stop-sweep-workers");
      Runtime.getRuntime().addShutdownHook(stopWorkers);
      executor = pool;
    }
    Sweep.Result result = sweep.run(runsDir, plan, executor, !noReport);
    if (stopWorkers != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopWorkers);
      } catch (IllegalStateException shuttingDown) {
        return 130; // the hook stops the workers; the JVM exits with the signal's status
      }
    }
    int code = exitCode(result.runs(), sweep);
    result.report().ifPresent(html -> System.err.println("report: " + html));
    if (result.reportError().isPresent()) {
      System.err.println("error: " + result.reportError().get());
      code = 1;
    }
    return code;
  }

  private Runner runner() {
    return new Runner(
        !quiet,
        System.err,
        dir -> {
          System.out.println(dir);
          System.out.flush();
        });
  }

  private static PointOutcome outcome(Runner.Outcome o) {
    return new PointOutcome(0, java.util.Optional.of(o.dir()), o.done(), o.error());
  }

  /** The number of worker processes {@code --jobs} asks for. */
  static int jobs(String spec, int threadsPerRun) {
    if (spec.equals("auto")) {
      return Math.max(1, Runtime.getRuntime().availableProcessors() / threadsPerRun);
    }
    try {
      int n = Integer.parseInt(spec.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new UserError("--jobs: expected an integer >= 1 or auto, got '" + spec + "'");
  }

  /** 0 when every run is done, else 1 after listing the failed ones with their errors. */
  private static int exitCode(List<PointOutcome> outcomes, Sweep sweep) {
    PrintStream err = System.err;
    int failed = 0;
    for (PointOutcome o : outcomes) {
      if (!o.done()) {
        failed++;
        String point =
            sweep == null ? "" : "point " + o.index() + " (" + sweep.describe(o.index()) + "): ";
        err.println("failed: " + point + o.dir().map(d -> d + ": ").orElse("") + o.error());
      }
    }
    if (failed > 0 && sweep != null && outcomes.size() > 1) {
      err.println(failed + " of " + outcomes.size() + " points failed");
    }
    return failed == 0 ? 0 : 1;
  }
}
