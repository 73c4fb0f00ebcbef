package org.mnist1d.workbench.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.run.Runner;

/** Runs a sweep's points one after another in this process ({@code --jobs 1}). */
public final class InProcess implements PointExecutor {
  private final Path runsDir;
  private final Runner runner;

  public InProcess(Path runsDir, Runner runner) {
    this.runsDir = runsDir;
    this.runner = runner;
  }

  @Override
  public List<PointOutcome> execute(Sweep sweep, List<PointTask> tasks) {
    List<PointOutcome> out = new ArrayList<>();
    for (PointTask t : tasks) {
      out.add(sweep.runTask(t, runsDir, runner));
      if (Thread.currentThread().isInterrupted()) {
        break; // stopped: the remaining points do not start
      }
    }
    return out;
  }
}
