package org.mnist1d.workbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.run.Runner;
import org.mnist1d.workbench.sweep.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench run CONFIG [--set k=v]...}: one run directory per sweep point; or --resume. */
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
      description = "continue this interrupted run from its last checkpoint")
  Path resume;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "PyTorch intra- and inter-op threads (default 1: fastest for these small models, and reproducible)")
  Integer threads;

  @Option(names = "--quiet", description = "no progress output")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if ((config == null) == (resume == null)) {
      throw new UserError("run: give either CONFIG or --resume RUN_DIR");
    }
    if (resume != null && !overrides.isEmpty()) {
      throw new UserError("run: --set cannot change a resumed run (its config.yaml is fixed)");
    }
    EngineThreads.set(threads);
    Runner runner =
        new Runner(
            !quiet,
            System.err,
            dir -> {
              System.out.println(dir);
              System.out.flush();
            });
    if (resume != null) {
      return exitCode(List.of(runner.resume(resume)));
    }
    Sweep.Result result = Sweep.load(config, overrides).run(runsDir, runner);
    int code = exitCode(result.runs());
    result.report().ifPresent(html -> System.err.println("report: " + html));
    if (result.reportError().isPresent()) {
      System.err.println("error: " + result.reportError().get());
      code = 1;
    }
    return code;
  }

  /** 0 when every run is done, else 1 after listing the failed ones. */
  private static int exitCode(List<Runner.Outcome> outcomes) {
    int failed = 0;
    for (Runner.Outcome o : outcomes) {
      if (!o.done()) {
        failed++;
        System.err.println("failed: " + o.dir() + ": " + o.error());
      }
    }
    return failed == 0 ? 0 : 1;
  }
}
