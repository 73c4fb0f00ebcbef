package org.mnist1d.workbench.meta;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.mnist1d.workbench.cli.UserError;
import org.mnist1d.workbench.data.Mnist1dData;

/** The metalearning experiments by name: load a config, make its dataset, run or resume it. */
public final class MetaExperiments {
  private MetaExperiments() {}

  /** Each experiment's published parameters. */
  public static Map<String, Map<String, Object>> defaults() {
    return Map.of(LearningRateExperiment.NAME, LearningRateExperiment.defaults(), ActivationExperiment.NAME,
        ActivationExperiment.defaults());
  }

  /**
   * Runs {@code configFile} in a new directory under {@code runsRoot}, or resumes it in
   * {@code resumeDir} when that is given; returns the run directory.
   */
  public static Path run(Path configFile, Path runsRoot, Path resumeDir, PrintStream log) throws Exception {
    MetaConfig config = MetaConfig.load(configFile, defaults());
    Path dir;
    if (resumeDir != null) {
      if (!Files.isDirectory(resumeDir)) {
        throw new UserError("--resume: no run directory at " + resumeDir);
      }
      dir = resumeDir;
    } else {
      String name = configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      dir = OuterRunFiles.newRunDir(runsRoot, name);
    }
    log.println(config.experiment() + ": run directory " + dir);
    Mnist1dData data = MetaBenchWorkloads.dataset(config.numSamples());
    if (config.experiment().equals(LearningRateExperiment.NAME)) {
      LearningRateExperiment.run(config, data, dir, log);
    } else {
      ActivationExperiment.run(config, data, dir, log);
    }
    return dir;
  }
}
