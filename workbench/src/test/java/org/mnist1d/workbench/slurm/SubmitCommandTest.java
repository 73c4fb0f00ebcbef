package org.mnist1d.workbench.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.CommandRun;
import org.mnist1d.workbench.cli.Main;
import org.mnist1d.workbench.sweep.JavaCommand;

/**
 * {@code workbench submit} without a cluster: what --dry-run prints (and that it writes nothing),
 * one-line errors for bad options, and for a machine without sbatch.
 */
class SubmitCommandTest {
  @TempDir Path tmp;

  private Path config() throws Exception {
    return Files.writeString(
        tmp.resolve("tiny.yaml"),
        "experiment: quickstart\nname: tiny\nmodel: logistic\nsweep: {seeds: [1, 2, 3]}\n");
  }

  @Test
  void aDryRunPrintsTheScriptsAndWritesNothing() throws Exception {
    Path runs = tmp.resolve("runs");
    CommandRun r =
        CommandRun.of(
            "submit",
            config().toString(),
            "--to",
            "slurm",
            "--runs-dir",
            runs.toString(),
            "--dry-run",
            "--max-parallel",
            "2",
            "--time",
            "1:30:00",
            "--mem",
            "2G",
            "--partition",
            "short",
            "--cpus-per-task",
            "2",
            "--set",
            "training.steps=50");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    for (String line :
        List.of(
            "#SBATCH --job-name=tiny",
            "#SBATCH --array=0-2%2",
            "#SBATCH --partition=short",
            "#SBATCH --time=1:30:00",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --mem=2G",
            "#SBATCH --chdir=" + Path.of("").toAbsolutePath(),
            "  --threads 2 \\",
            "  --no-report \\",
            "  --set training.steps=50 \\",
            "  --only \"$i\" &",
            "#SBATCH --job-name=tiny-report",
            "  --sweep \\",
            "sbatch --parsable --dependency=afterany:<array job id> report.sbatch")) {
      assertTrue(out.lines().anyMatch(l -> l.equals(line)), "no line '" + line + "' in:\n" + out);
    }
    assertTrue(out.contains("#SBATCH --output=" + runs.toAbsolutePath() + "/slurm/tiny-"), out);
    // the report job asks for one CPU whatever the tasks ask for
    String report = out.substring(out.indexOf("report.sbatch\n#!/bin/bash"));
    assertTrue(report.contains("#SBATCH --cpus-per-task=1\n"), report);
    assertFalse(Files.exists(runs), "a dry run writes nothing");
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    Path c = config();
    String[][] cases = {
      {"--to", "pbs"},
      {"--to", "slurm", "--time", "an hour"},
      {"--to", "slurm", "--mem", "2X"},
      {"--to", "slurm", "--cpus-per-task", "0"},
      {"--to", "slurm", "--max-parallel", "0"},
      {"--to", "slurm", "--partition", "a b"},
      {"--to", "slurm", "--set", "training.steps=-1"},
    };
    for (String[] more : cases) {
      List<String> args = new ArrayList<>(List.of("submit", c.toString(), "--dry-run"));
      args.addAll(List.of(more));
      CommandRun r = CommandRun.of(args.toArray(String[]::new));
      assertEquals(2, r.code(), List.of(more) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
    }
    assertEquals(
        "error: --time: expected minutes, HH:MM:SS or D-HH:MM:SS (Slurm's forms), got 'an hour'",
        CommandRun.of("submit", c.toString(), "--to", "slurm", "--time", "an hour", "--dry-run")
            .err()
            .strip());
  }

  @Test
  void withoutSbatchSubmitSaysSoInOneLine() throws Exception {
    Path runs = tmp.resolve("runs");
    ProcessBuilder pb =
        new ProcessBuilder(
                JavaCommand.current(Main.class.getName())
                    .command(
                        List.of(
                            "submit",
                            config().toString(),
                            "--to",
                            "slurm",
                            "--runs-dir",
                            runs.toString())))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("out.txt").toFile());
    pb.environment().put("PATH", tmp.resolve("no-such-dir").toString());
    Process p = pb.start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    String out = Files.readString(tmp.resolve("out.txt"));
    assertEquals(2, p.exitValue(), out);
    assertEquals(
        "error: submit: sbatch not found on PATH (run this on a Slurm login node; to try it"
            + " locally: bin/slurm-local start)",
        out.strip());
    assertFalse(Files.exists(runs), "nothing written");
  }
}
