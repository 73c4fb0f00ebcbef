package org.mnist1d.workbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mnist1d.workbench.run.Environment;
import org.mnist1d.workbench.run.RunDirectory;

/**
 * A run directory as its summary.json describes it: status (running, done, failed), error, start
 * time, its place in a sweep, and the process that writes it.
 */
public record RunRecord(Path dir, JsonNode summary) {
  /** Reads {@code dir}'s summary.json; a corrupt one is a user error naming it. */
  public static RunRecord read(Path dir) {
    return new RunRecord(dir, RunDirectory.existing(dir).readJson(RunDirectory.SUMMARY));
  }

  /**
   * The run that stands for a point among its {@code runs}: the newest done one, else the newest.
   */
  static Optional<RunRecord> pick(List<RunRecord> runs) {
    Comparator<RunRecord> newest =
        Comparator.comparing(RunRecord::started).thenComparing(r -> r.dir().getFileName());
    return runs.stream().filter(RunRecord::done).max(newest).or(() -> runs.stream().max(newest));
  }

  public String status() {
    return summary.path("status").asText("unknown");
  }

  public boolean done() {
    return "done".equals(status());
  }

  /** The error of a failed run (one line), or empty. */
  public String error() {
    return summary.path("error").asText("").lines().findFirst().orElse("");
  }

  /** When it started (ISO instant; sorts in time order). */
  public String started() {
    return summary.path("started").asText("");
  }

  /** The sweep id it was started under, if it was part of a sweep. */
  public Optional<String> sweepId() {
    JsonNode id = summary.path("sweep").path("id");
    return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
  }

  /** Its point index in that sweep (-1 when not recorded). */
  public int point() {
    return summary.path("sweep").path("point").asInt(-1);
  }

  /** The number of points of that sweep (0 when not recorded). */
  public int points() {
    return summary.path("sweep").path("points").asInt(0);
  }

  /** The Slurm job that runs or ran it ({@code 47_3}), if any. */
  public Optional<String> slurmJob() {
    JsonNode j = summary.path("process").path("slurm_job");
    return j.isMissingNode() || j.isNull() ? Optional.empty() : Optional.of(j.asText());
  }

  /**
   * For a run whose status is {@code running}: false when it was started on this host and its
   * process is gone (killed with SIGKILL, machine restarted), so it can be resumed; true otherwise
   * (alive here, or on another host where this cannot be told).
   */
  public boolean mayBeAlive() {
    if (!"running".equals(status())) {
      return false;
    }
    JsonNode process = summary.path("process");
    if (!process.path("pid").canConvertToLong()
        || !Environment.hostName().equals(process.path("host").asText())) {
      return true;
    }
    return ProcessHandle.of(process.path("pid").asLong())
        .map(p -> p.isAlive() && p.info().command().map(c -> c.contains("java")).orElse(true))
        .orElse(false);
  }
}
