package org.mnist1d.workbench.slurm;

import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.base.UserError;

/**
 * The resources each array task asks for: partition, time limit, CPUs (also the run's PyTorch
 * threads), memory, and how many tasks may run at once. Null means the site's default.
 */
public record SlurmOptions(
    String partition, String time, int cpusPerTask, String mem, Integer maxParallel) {

  /** Checks every value; a bad one is a one-line {@link UserError} naming the option. */
  public SlurmOptions {
    if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
      throw new UserError("--partition: expected a partition name, got '" + partition + "'");
    }
    if (time != null && !time.matches("(\\d+-)?\\d+(:\\d+){0,2}")) {
      throw new UserError(
          "--time: expected minutes, HH:MM:SS or D-HH:MM:SS (Slurm's forms), got '" + time + "'");
    }
    if (cpusPerTask < 1) {
      throw new UserError("--cpus-per-task: expected an integer >= 1, got " + cpusPerTask);
    }
    if (mem != null && !mem.matches("\\d+[KMGT]?")) {
      throw new UserError("--mem: expected a size such as 2G or 500M, got '" + mem + "'");
    }
    if (maxParallel != null && maxParallel < 1) {
      throw new UserError("--max-parallel: expected an integer >= 1, got " + maxParallel);
    }
  }

  /** The {@code #SBATCH} lines for an array task (or, with {@code forReport}, the report job). */
  List<String> directives(boolean forReport) {
    List<String> out = new ArrayList<>();
    if (partition != null) {
      out.add("#SBATCH --partition=" + partition);
    }
    if (time != null) {
      out.add("#SBATCH --time=" + time);
    }
    out.add("#SBATCH --cpus-per-task=" + (forReport ? 1 : cpusPerTask));
    if (mem != null) {
      out.add("#SBATCH --mem=" + mem);
    }
    return out;
  }

  /** The array throttle suffix ({@code %K}), or empty. */
  String throttle() {
    return maxParallel == null ? "" : "%" + maxParallel;
  }
}
