package org.mnist1d.workbench.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.slurm.Slurm;
import org.mnist1d.workbench.slurm.SlurmOptions;
import org.mnist1d.workbench.slurm.SlurmSweep;
import org.mnist1d.workbench.sweep.JavaCommand;
import org.mnist1d.workbench.sweep.PointSelection;
import org.mnist1d.workbench.sweep.PointStatus;
import org.mnist1d.workbench.sweep.Sweep;
import org.mnist1d.workbench.sweep.SweepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench submit CONFIG --to slurm ...}: the sweep as a Slurm array job (one task per
 * point) and a report job after it.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a sweep to a Slurm cluster: an array job and a report job after it.",
      "Array task i runs `workbench run CONFIG --only i` into the shared runs directory; the",
      "report job runs when every task has ended. Prints the job ids; the scripts, task logs and",
      "a submit.sh that submits them again are kept in RUNS_DIR/slurm/<name>-<time>/.",
      "Follow it with: workbench status CONFIG"
    })
public final class SubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "CONFIG", description = "experiment YAML")
  Path config;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "SCHEDULER",
      description = "the scheduler: slurm")
  String to;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override any config key")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      defaultValue = "runs",
      description =
          "the runs directory, on a file system every node shares (default: ${DEFAULT-VALUE})")
  Path runsDir;

  @Option(
      names = "--partition",
      paramLabel = "P",
      description = "Slurm partition (default: the site's)")
  String partition;

  @Option(
      names = "--time",
      paramLabel = "T",
      description =
          "time limit per point, e.g. 30, 1:30:00 or 1-00:00:00 (default: the partition's)")
  String time;

  @Option(
      names = "--cpus-per-task",
      paramLabel = "C",
      defaultValue = "1",
      description = "CPUs per point, also its PyTorch threads (default: ${DEFAULT-VALUE})")
  int cpusPerTask;

  @Option(
      names = "--mem",
      paramLabel = "M",
      description = "memory per point, e.g. 2G (default: the site's)")
  String mem;

  @Option(
      names = "--max-parallel",
      paramLabel = "K",
      description = "at most K points running at once (default: as many as Slurm schedules)")
  Integer maxParallel;

  @Option(
      names = "--dry-run",
      description = "print the scripts and the sbatch commands; submit nothing")
  boolean dryRun;

  @Option(
      names = "--wait",
      description =
          "wait until both jobs have ended; exit 1 if a point is not done or no report was written")
  boolean await;

  @Option(
      names = "--resume",
      description =
          "submit only the points whose run is missing or not done (an interrupted run resumes from its checkpoint)")
  boolean resume;

  @Override
  public Integer call() {
    if (!"slurm".equals(to)) {
      throw new UserError("submit: --to: expected slurm, got '" + to + "'");
    }
    if (dryRun && await) {
      throw new UserError("submit: --dry-run and --wait exclude each other");
    }
    if (await && !dryRun && !Slurm.onPath("squeue")) {
      throw new UserError("submit: --wait needs squeue on PATH (to see when the jobs end)");
    }
    SlurmOptions options = new SlurmOptions(partition, time, cpusPerTask, mem, maxParallel);
    Sweep sweep = Sweep.load(config, overrides);
    Slurm slurm = new Slurm();
    SlurmSweep cluster = new SlurmSweep(sweep, runsDir, slurm);
    PrintStream out = System.out;
    PointSelection points = cluster.toSubmit(resume);
    if (points.indices().isEmpty()) {
      out.println(
          "nothing to submit: every point of "
              + sweep.name()
              + " is done, queued or running (see: workbench status "
              + config
              + ")");
      return 0;
    }
    JavaCommand java = JavaCommand.current(Main.class.getName());
    if (dryRun) {
      SlurmSweep.Scripts s = cluster.scripts(cluster.nextFolder(), points, options, resume, java);
      out.println("# " + s.dir().resolve("array.sbatch"));
      out.println(s.array());
      out.println("# " + s.dir().resolve("report.sbatch"));
      out.println(s.report());
      out.println("# submitted (from " + s.dir() + ") with:");
      out.println("sbatch --parsable array.sbatch");
      out.println("sbatch --parsable --dependency=afterany:<array job id> report.sbatch");
      return 0;
    }
    SlurmSweep.Submitted sub = cluster.submit(points, options, resume, java);
    out.println(
        "array job "
            + sub.submission().arrayJob()
            + ": "
            + points.indices().size()
            + " point(s) ("
            + points.spec()
            + ") of "
            + sweep.name()
            + " (sweep "
            + sweep.id()
            + ")");
    out.println(
        "report job "
            + sub.submission().reportJob()
            + " (after the array): "
            + sub.submission().reportDir());
    out.println("scripts and logs: " + sub.dir());
    out.flush();
    if (!await) {
      return 0;
    }
    cluster.await(sub.submission(), 1000, System.err::println);
    SweepStatus status = cluster.status();
    status.lines().forEach(out::println);
    int code = 0;
    for (PointStatus p : status.points()) {
      if (points.indices().contains(p.index()) && p.state() != PointStatus.State.DONE) {
        code = 1;
      }
    }
    Path html = Path.of(sub.submission().reportDir()).resolve("report.html");
    if (sweep.hasReport()) {
      if (Files.isRegularFile(html)) {
        out.println("report: " + html);
      } else {
        System.err.println(
            "error: the report job wrote no report (log: "
                + sub.dir().resolve("logs")
                + "/*-report_"
                + sub.submission().reportJob()
                + ".out)");
        code = 1;
      }
    }
    return code;
  }
}
