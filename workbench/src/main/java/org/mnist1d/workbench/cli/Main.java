package org.mnist1d.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code workbench} command line: one subcommand per task. */
@Command(
    name = "workbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionLines.class,
    description = "MNIST-1D metalearning workbench: datasets, experiments, reports, benchmarks.",
    subcommands = {
      CommandLine.HelpCommand.class,
      EngineCommand.class,
      KernelCommand.class,
      DatasetCommand.class,
      BenchCommand.class,
      RunCommand.class,
      WorkerCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      FiguresCommand.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the CLI and returns its exit code (2 for user mistakes), printing no stack trace for them.
   */
  public static int execute(String... args) {
    return Cli.commandLine(new Main()).execute(args);
  }
}
