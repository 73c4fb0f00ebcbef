package org.mnist1d.workbench.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mnist1d.workbench.base.Template;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.run.Environment;
import org.mnist1d.workbench.run.RunDirectory;
import org.mnist1d.workbench.sweep.JavaCommand;
import org.mnist1d.workbench.sweep.PointSelection;
import org.mnist1d.workbench.sweep.PointStatus;
import org.mnist1d.workbench.sweep.RunRecord;
import org.mnist1d.workbench.sweep.Sweep;
import org.mnist1d.workbench.sweep.SweepStatus;

/**
 * A sweep on Slurm: submitted as one array job (task i runs point i with {@code workbench run
 * CONFIG --only i} into the shared runs directory) and a report job that depends on it ({@code
 * afterany}); its points' states, from the run directories first and the queue second; waiting for
 * it to end.
 */
public final class SlurmSweep {
  private static final String TEMPLATES = "/org/mnist1d/workbench/slurm/";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Sweep sweep;
  private final Path runsDir;
  private final Path shownRunsDir;
  private final Slurm slurm;

  /** {@code sweep} with its runs in {@code runsDir} (made absolute: the tasks run elsewhere). */
  public SlurmSweep(Sweep sweep, Path runsDir, Slurm slurm) {
    this.sweep = sweep;
    this.runsDir = runsDir.toAbsolutePath().normalize();
    this.shownRunsDir = runsDir;
    this.slurm = slurm;
  }

  /**
   * The sweep a submission folder ({@code RUNS_DIR/slurm/<name>-<time>/}) records, read again from
   * its file and overrides; empty when {@code dir} holds no submission.
   */
  public static Optional<SlurmSweep> ofSubmission(Path dir, Slurm slurm) {
    return Submission.read(dir)
        .map(
            s ->
                new SlurmSweep(
                    Sweep.load(Path.of(s.config()), s.overrides()), Path.of(s.runsDir()), slurm));
  }

  /** The scripts of a submission, as they are written (or printed by {@code --dry-run}). */
  public record Scripts(Path dir, String array, String report, String submit, Path reportDir) {}

  /** A submission made: its folder and record. */
  public record Submitted(Path dir, Submission submission) {}

  /**
   * The points to submit: all of them, or with {@code resume} those whose run is missing, failed or
   * stopped (not those done, queued or running).
   */
  public PointSelection toSubmit(boolean resume) {
    if (!resume) {
      return PointSelection.all(sweep.points().size());
    }
    List<Integer> out = new ArrayList<>();
    for (PointStatus p : status().points()) {
      if (p.state() == PointStatus.State.NOT_STARTED
          || p.state() == PointStatus.State.FAILED
          || p.state() == PointStatus.State.STOPPED) {
        out.add(p.index());
      }
    }
    return new PointSelection(out);
  }

  /** The scripts that submit {@code points} into folder {@code dir}. */
  public Scripts scripts(
      Path dir, PointSelection points, SlurmOptions options, boolean resume, JavaCommand java) {
    Path cwd = Path.of("").toAbsolutePath();
    Path config = sweep.file().toAbsolutePath().normalize();
    Path reportDir = runsDir.resolve("reports").resolve(dir.getFileName());
    Map<String, String> common = new LinkedHashMap<>();
    common.put("name", sweep.name());
    common.put("sweep", sweep.id());
    common.put("date", Instant.now().toString());
    common.put("job_name", jobName());
    common.put("logs", dir.resolve("logs").toString());
    common.put("status", dir.resolve("status").toString());
    common.put("cwd", cwd.toString());
    common.put("config", config.toString());
    common.put("runs_dir", runsDir.toString());
    common.put("script", dir.resolve("array.sbatch").toString());
    common.put("throttle", options.throttle());

    List<String> run =
        new ArrayList<>(
            List.of(
                "run",
                config.toString(),
                "--runs-dir",
                runsDir.toString(),
                "--threads",
                String.valueOf(options.cpusPerTask()),
                "--sweep",
                sweep.id(),
                "--no-report"));
    if (resume) {
      run.add("--resume");
    }
    sets(run);
    Map<String, String> array = new LinkedHashMap<>(common);
    array.put("array", points.spec() + options.throttle());
    array.put("sbatch_options", String.join("\n", options.directives(false)));
    array.put("command", shell(java, run) + " \\\n  --only \"$i\"");

    List<String> report =
        new ArrayList<>(
            List.of(
                "report",
                config.toString(),
                "--sweep",
                "--runs-dir",
                runsDir.toString(),
                "--out",
                reportDir.toString()));
    sets(report);
    Map<String, String> rep = new LinkedHashMap<>(common);
    rep.put("sbatch_options", String.join("\n", options.directives(true)));
    rep.put("command", shell(java, report));
    return new Scripts(
        dir,
        render("array.sbatch", array),
        render("report.sbatch", rep),
        render("submit.sh", common),
        reportDir);
  }

  /**
   * Writes the scripts to a fresh {@code RUNS_DIR/slurm/<name>-<time>/}, submits the array and the
   * report job, and records both there. Fails with a one-line error when sbatch is missing or
   * refuses (the folder is then removed unless a job was already submitted).
   */
  public Submitted submit(
      PointSelection points, SlurmOptions options, boolean resume, JavaCommand java) {
    Slurm.requireSbatch();
    // array tasks start together; with a home shared by the nodes they would fill DJL's cache at
    // once
    Environment.loadEngine();
    Path dir;
    try {
      dir = RunDirectory.create(runsDir.resolve("slurm"), sweep.name(), Map.of()).path();
      Files.createDirectories(dir.resolve("logs")); // sbatch's --output folder must exist
      Files.createDirectories(dir.resolve("status"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Scripts s = scripts(dir, points, options, resume, java);
    write(dir.resolve("array.sbatch"), s.array());
    write(dir.resolve("report.sbatch"), s.report());
    write(dir.resolve("submit.sh"), s.submit());
    String arrayJob;
    try {
      arrayJob = slurm.sbatch(dir, List.of(), dir.resolve("array.sbatch"));
    } catch (UserError e) {
      deleteQuietly(dir);
      throw e;
    }
    String dependency = "--dependency=afterany:" + arrayJob;
    List<String> commands =
        List.of(
            "sbatch --parsable array.sbatch", "sbatch --parsable " + dependency + " report.sbatch");
    Submission record =
        new Submission(
            sweep.file().toAbsolutePath().normalize().toString(),
            sweep.overrides(),
            runsDir.toString(),
            sweep.id(),
            sweep.name(),
            jobName(),
            points.indices(),
            resume,
            arrayJob,
            null,
            s.reportDir().toString(),
            Instant.now().toString(),
            commands);
    record.write(dir); // the array is queued: keep its record even if the report job fails
    String reportJob = slurm.sbatch(dir, List.of(dependency), dir.resolve("report.sbatch"));
    Submission done =
        new Submission(
            record.config(),
            record.overrides(),
            record.runsDir(),
            record.sweep(),
            record.name(),
            record.jobName(),
            record.points(),
            record.resume(),
            arrayJob,
            reportJob,
            record.reportDir(),
            record.submitted(),
            commands);
    done.write(dir);
    return new Submitted(dir, done);
  }

  /** The folder a submission made now would get (for {@code --dry-run}, which makes none). */
  public Path nextFolder() {
    return runsDir.resolve("slurm").resolve(sweep.name() + "-" + LocalDateTime.now().format(STAMP));
  }

  /**
   * Blocks until the array and the report job have left the queue, polling squeue; {@code progress}
   * gets a line whenever the count of active tasks changes.
   */
  public void await(Submission s, long pollMillis, Consumer<String> progress) {
    String last = "";
    while (true) {
      Map<String, Slurm.TaskState> tasks = new HashMap<>(slurm.tasks(s.arrayJob()));
      if (s.reportJob() != null) {
        tasks.putAll(slurm.tasks(s.reportJob()));
      }
      long active = tasks.values().stream().filter(Slurm.TaskState::active).count();
      if (active == 0) {
        return;
      }
      Map<String, Integer> byState = new java.util.TreeMap<>();
      tasks.values().stream()
          .filter(Slurm.TaskState::active)
          .forEach(
              t -> byState.merge(t.state().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
      String now = "waiting for " + active + " Slurm task(s): " + byState;
      if (!now.equals(last)) {
        progress.accept(now);
        last = now;
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("submit: interrupted while waiting (the jobs keep running)");
      }
    }
  }

  /**
   * Every point's state, from its run directory and, for Slurm's part, this sweep's submissions.
   */
  public SweepStatus status() {
    return withJobs(SweepStatus.of(sweep, shownRunsDir), shownRunsDir, slurm);
  }

  /**
   * {@code status} with each point's latest Slurm job (from the submissions recorded under {@code
   * runsDir} for the same sweep id) and what the queue says about it: a queued task, a task that
   * started but has no run yet, a run that says running but whose task has ended (stopped:
   * resumable), a task that ended before making a run (failed, with its exit status and log).
   */
  public static SweepStatus withJobs(SweepStatus status, Path runsDir, Slurm slurm) {
    List<Submission.Located> mine =
        Submission.all(runsDir).stream()
            .filter(l -> l.submission().sweep().equals(status.id()))
            .toList();
    if (mine.isEmpty()) {
      return status;
    }
    Map<String, Map<String, Slurm.TaskState>> queue = new HashMap<>();
    return status.map(
        p -> {
          Submission.Located last = null;
          for (Submission.Located l : mine) {
            if (l.submission().points().contains(p.index())) {
              last = l;
            }
          }
          if (last == null) {
            return p;
          }
          String job = last.job(p.index());
          Optional<Slurm.TaskState> task =
              Optional.ofNullable(
                  queue.computeIfAbsent(last.submission().arrayJob(), slurm::tasks).get(job));
          return withTask(p.withJob(job), task, last);
        });
  }

  private static PointStatus withTask(
      PointStatus p, Optional<Slurm.TaskState> task, Submission.Located sub) {
    if (p.state() == PointStatus.State.DONE) {
      return p;
    }
    Path log = sub.log(p.index());
    Optional<Integer> exit = sub.exitCode(p.index());
    if (task.isPresent()) {
      Slurm.TaskState t = task.get();
      String state = t.state();
      if (state.equals("PENDING") || state.startsWith("REQUEUE") || state.equals("SUSPENDED")) {
        return p.with(PointStatus.State.QUEUED, state + " (" + t.reason() + ")");
      }
      if (t.active()) {
        return p.state() == PointStatus.State.RUNNING
            ? p
            : p.with(PointStatus.State.RUNNING, "task started (" + state + ")");
      }
      if (p.state() == PointStatus.State.RUNNING) {
        return p.with(PointStatus.State.STOPPED, "slurm " + state + "; resumable");
      }
      if (p.state() == PointStatus.State.NOT_STARTED) {
        return p.with(
            PointStatus.State.FAILED,
            "slurm "
                + state
                + exit.map(c -> ", exit " + c).orElse("")
                + " before its run started (log: "
                + log
                + ")");
      }
      return state.equals("TIMEOUT") ? p.with(p.state(), p.detail() + " (slurm TIMEOUT)") : p;
    }
    if (exit.isPresent() && p.state() == PointStatus.State.NOT_STARTED) {
      return p.with(
          PointStatus.State.FAILED,
          "task exited " + exit.get() + " before its run started (log: " + log + ")");
    }
    if (exit.isPresent() && p.state() == PointStatus.State.RUNNING) {
      return p.with(PointStatus.State.STOPPED, "task exited " + exit.get() + "; resumable");
    }
    return p;
  }

  /**
   * Whether the process writing run {@code r} may still be at it: for a run made by a Slurm job,
   * whether that job is still queued or running (when squeue can tell); else {@link
   * RunRecord#mayBeAlive} (its process, when it ran on this host).
   */
  public static boolean mayBeAlive(RunRecord r, Slurm slurm) {
    if (!r.mayBeAlive()) {
      return false;
    }
    Optional<String> job = r.slurmJob();
    if (job.isEmpty() || !Slurm.onPath("squeue")) {
      return true;
    }
    String j = job.get();
    String array = j.contains("_") ? j.substring(0, j.indexOf('_')) : j;
    return Optional.ofNullable(slurm.tasks(array).get(j))
        .map(Slurm.TaskState::active)
        .orElse(false);
  }

  private String jobName() {
    String n = sweep.name().replaceAll("[^A-Za-z0-9._-]", "_");
    return n.length() > 40 ? n.substring(0, 40) : n;
  }

  private void sets(List<String> args) {
    for (String o : sweep.overrides()) {
      args.add("--set");
      args.add(o);
    }
  }

  /**
   * The shell command line: the task's java (WORKBENCH_JAVA overrides it), every word quoted, an
   * option and its value to a line.
   */
  private static String shell(JavaCommand java, List<String> args) {
    List<String> cmd = java.command(args);
    StringBuilder b = new StringBuilder("\"${WORKBENCH_JAVA:-").append(cmd.get(0)).append("}\"");
    for (String word : cmd.subList(1, cmd.size())) {
      boolean newLine = word.startsWith("-") || word.equals(java.mainClass());
      b.append(newLine ? " \\\n  " : " ").append(quote(word));
    }
    return b.toString();
  }

  static String quote(String word) {
    return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  private static String render(String template, Map<String, String> values) {
    return Template.render(SlurmSweep.class, TEMPLATES + template, values);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: sbatch reads the script anyway
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a folder of unsubmitted scripts does no harm
    }
  }
}
