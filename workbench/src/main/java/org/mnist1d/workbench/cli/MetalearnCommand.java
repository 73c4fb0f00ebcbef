package org.mnist1d.workbench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.meta.MetaExperiments;
import org.mnist1d.workbench.meta.OuterLoop;
import picocli.CommandLine;

/** {@code workbench metalearn CONFIG}: runs (or resumes) a metalearning experiment config. */
@CommandLine.Command(name = "metalearn", mixinStandardHelpOptions = true,
    description = "Run a metalearning experiment (metalearn-lr, metalearn-activation) from its YAML config.")
public final class MetalearnCommand implements Callable<Integer> {
  @CommandLine.Parameters(paramLabel = "CONFIG", description = "experiment YAML, e.g. configs/metalearn-lr.yaml")
  Path config;

  @CommandLine.Option(names = "--runs", defaultValue = "runs", description = "where new run directories go (default: runs)")
  Path runs;

  @CommandLine.Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a killed run from its checkpoints")
  Path resume;

  @CommandLine.Option(names = "--threads", paramLabel = "N",
      description = "intra-op threads of the PyTorch engine (default: the engine's; 1 is best on a busy machine)")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (threads != null) {
      if (threads < 1) {
        throw new UserError("--threads: expected a positive integer, got " + threads);
      }
      // before the engine loads, as the bench command does
      System.setProperty(BenchCommand.THREADS_PROPERTY, String.valueOf(threads));
      System.setProperty(BenchCommand.INTEROP_THREADS_PROPERTY, String.valueOf(threads));
    }
    if (!config.toFile().isFile()) {
      throw new UserError("CONFIG: no such file: " + config);
    }
    try {
      Path dir = MetaExperiments.run(config, runs, resume, System.out);
      System.out.println("done: " + dir);
      return 0;
    } catch (OuterLoop.Diverged d) {
      System.err.println("failed: " + d.getMessage());
      return 1;
    }
  }
}
