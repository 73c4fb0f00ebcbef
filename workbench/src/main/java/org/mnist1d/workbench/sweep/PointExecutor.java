package org.mnist1d.workbench.sweep;

import java.util.List;

/** Runs a sweep's point tasks: here, one after another, or in worker processes. */
public interface PointExecutor {
  /** Runs every task; a failing point does not stop the others. Outcomes in task order. */
  List<PointOutcome> execute(Sweep sweep, List<PointTask> tasks);
}
