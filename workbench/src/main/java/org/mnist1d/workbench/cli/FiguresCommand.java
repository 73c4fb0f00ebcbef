package org.mnist1d.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.figures.DatasetConstruction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench figures}: figures that need no run, drawn from the dataset library. */
@Command(
    name = "figures",
    description = "Draw figures that need no run (see the subcommands).",
    subcommands = {FiguresCommand.Transforms.class})
public final class FiguresCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code workbench figures transforms --out DIR}: how MNIST-1D is built, step by step. */
  @Command(
      name = "transforms",
      description = {
        "How MNIST-1D is built: the templates, then the transform's steps switched on one at a",
        "time, seeded as the building-mnist1d notebook. Writes transform_0.png ... transform_7.png,",
        "transforms.gif (animated) and templates.png into DIR."
      })
  static final class Transforms implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "The directory to write into (made when missing).")
    Path out;

    @Option(
        names = "--delay-ms",
        paramLabel = "MS",
        defaultValue = "1200",
        description = "How long the animation shows each step (default 1200; the last 3x).")
    int delayMs;

    @Override
    public Integer call() {
      if (delayMs < 10 || delayMs > 60_000) {
        throw new UserError("--delay-ms: expected 10 to 60000 milliseconds, got " + delayMs);
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new UserError("--out " + out + ": exists and is not a directory");
      }
      List<Path> written;
      try {
        written = DatasetConstruction.write(out, delayMs);
      } catch (IOException e) {
        throw new UserError("--out " + out + ": cannot write there (" + e.getMessage() + ")", e);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("wrote " + written.size() + " files to " + out + ":");
      written.forEach(p -> stdout.println("  " + p.getFileName()));
      stdout.flush();
      return 0;
    }
  }
}
