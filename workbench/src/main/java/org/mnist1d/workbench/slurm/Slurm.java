package org.mnist1d.workbench.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mnist1d.workbench.base.UserError;

/**
 * Slurm's client commands as this process finds them on its PATH ({@code sbatch}, {@code squeue}),
 * run with this process's environment (so a site's configuration, or {@code SLURM_CONF}, applies).
 * Without slurmdbd only slurmctld knows job states, and only for MinJobAge seconds after a job
 * ends; older states come from the run directories and the tasks' exit files instead.
 */
public final class Slurm {
  /** States in which a job or array task is still queued or running. */
  static final Set<String> ACTIVE =
      Set.of(
          "PENDING",
          "CONFIGURING",
          "RUNNING",
          "COMPLETING",
          "SUSPENDED",
          "REQUEUED",
          "REQUEUE_HOLD",
          "REQUEUE_FED",
          "RESIZING",
          "SIGNALING",
          "STAGE_OUT");

  private static final long TIMEOUT_SECONDS = 120;

  /** What a job or array task is doing: its state and Slurm's reason ({@code Resources}). */
  public record TaskState(String state, String reason) {
    public boolean active() {
      return ACTIVE.contains(state);
    }
  }

  private record Result(int code, String out, String err) {}

  /** Whether {@code command} is an executable on this process's PATH. */
  public static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** Fails with a one-line error unless sbatch can be run. */
  public static void requireSbatch() {
    if (!onPath("sbatch")) {
      throw new UserError(
          "submit: sbatch not found on PATH (run this on a Slurm login node; to try it locally:"
              + " bin/slurm-local start)");
    }
  }

  /**
   * Submits {@code script} with {@code options} ({@code --dependency=...}) from {@code dir} and
   * returns the job id; a refusal is a one-line {@link UserError} with sbatch's message.
   */
  public String sbatch(Path dir, List<String> options, Path script) {
    List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
    cmd.addAll(options);
    cmd.add(script.toString());
    Result r = exec(dir, cmd);
    String id = r.out().strip();
    int semicolon = id.indexOf(';'); // "47;cluster" on multi-cluster sites
    if (semicolon >= 0) {
      id = id.substring(0, semicolon);
    }
    if (r.code() != 0 || !id.matches("\\d+")) {
      String why = (r.err().strip() + " " + r.out().strip()).strip();
      throw new UserError(
          "submit: sbatch refused "
              + script.getFileName()
              + ": "
              + why.lines().findFirst().orElse("exit code " + r.code()));
    }
    return id;
  }

  /**
   * The state of every task of job {@code jobId} slurmctld still knows ({@code 47_3} for an array
   * task, {@code 48} for a plain job); empty when it knows none (ended long ago, or no squeue).
   */
  public Map<String, TaskState> tasks(String jobId) {
    Map<String, TaskState> out = new LinkedHashMap<>();
    if (!onPath("squeue")) {
      return out;
    }
    Result r =
        exec(null, List.of("squeue", "-h", "-r", "-t", "all", "-j", jobId, "-o", "%i|%T|%r"));
    if (r.code() != 0) {
      return out; // "Invalid job id specified": slurmctld has forgotten it
    }
    for (String line : r.out().lines().toList()) {
      String[] f = line.strip().split("\\|", -1);
      if (f.length == 3) {
        out.put(f[0], new TaskState(f[1], f[2]));
      }
    }
    return out;
  }

  /** The state of one array task or job, if slurmctld still knows it. */
  public Optional<TaskState> task(String jobId, String taskId) {
    return Optional.ofNullable(tasks(jobId).get(taskId));
  }

  /** Whether any task of job {@code jobId} is still queued or running. */
  public boolean active(String jobId) {
    return tasks(jobId).values().stream().anyMatch(TaskState::active);
  }

  private static Result exec(Path dir, List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UserError(cmd.get(0) + ": no answer after " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UserError(cmd.get(0) + ": cannot run it (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(cmd.get(0) + ": interrupted");
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
