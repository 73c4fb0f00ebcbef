package org.mnist1d.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.slurm.Slurm;
import org.mnist1d.workbench.slurm.SlurmSweep;
import org.mnist1d.workbench.sweep.Sweep;
import org.mnist1d.workbench.sweep.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code workbench status CONFIG | RUNS_DIR}: where each point of a sweep stands. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show where each point of a sweep stands, with its run and Slurm job.",
      "States: not started, queued, running, done, failed (with its error), stopped (its",
      "process is gone; resume it). CONFIG.yaml: that sweep (with --set as it was run) and its",
      "runs in --runs-dir. RUNS_DIR: every sweep with runs there.",
      "RUNS_DIR/slurm/<name>-<time>: the sweep of that submission."
    })
public final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CONFIG.yaml|RUNS_DIR")
  Path target;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "the overrides the sweep was run with")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      defaultValue = "runs",
      description = "with CONFIG: where its runs are (default: ${DEFAULT-VALUE})")
  Path runsDir;

  @Override
  public Integer call() {
    Slurm slurm = new Slurm();
    List<SweepStatus> shown = new ArrayList<>();
    if (Files.isRegularFile(target)) {
      shown.add(new SlurmSweep(Sweep.load(target, overrides), runsDir, slurm).status());
    } else if (Files.isDirectory(target)) {
      if (!overrides.isEmpty()) {
        throw new UserError("status: --set goes with CONFIG.yaml, not with a directory");
      }
      Optional<SlurmSweep> submitted = SlurmSweep.ofSubmission(target, slurm);
      if (submitted.isPresent()) {
        shown.add(submitted.get().status());
      } else {
        SweepStatus.recorded(target).forEach(s -> shown.add(SlurmSweep.withJobs(s, target, slurm)));
        if (shown.isEmpty()) {
          System.out.println("no runs of a sweep in " + target);
          return 0;
        }
      }
    } else {
      throw new UserError("status: " + target + ": no such file or directory");
    }
    for (int i = 0; i < shown.size(); i++) {
      if (i > 0) {
        System.out.println();
      }
      shown.get(i).lines().forEach(System.out::println);
    }
    return 0;
  }
}
