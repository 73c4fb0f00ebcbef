package org.mnist1d.workbench.sweep;

import java.util.Optional;

/**
 * Where one point of a sweep stands: its state, its run (if it has one), a one-line detail (a
 * failed run's error, a queued job's reason) and the scheduler job that runs or ran it.
 */
public record PointStatus(
    int index,
    String params,
    State state,
    Optional<RunRecord> run,
    String detail,
    Optional<String> job) {

  /** A point's state. */
  public enum State {
    DONE("done"),
    RUNNING("running"),
    QUEUED("queued"),
    FAILED("failed"),
    /** Its run says running, but its process is gone (killed): resumable. */
    STOPPED("stopped"),
    NOT_STARTED("not started");

    private final String word;

    State(String word) {
      this.word = word;
    }

    @Override
    public String toString() {
      return word;
    }
  }

  /** The status of point {@code index} from its run (or its lack of one). */
  static PointStatus of(int index, String params, Optional<RunRecord> run) {
    if (run.isEmpty()) {
      return new PointStatus(index, params, State.NOT_STARTED, run, "", Optional.empty());
    }
    RunRecord r = run.get();
    Optional<String> job = r.slurmJob();
    return switch (r.status()) {
      case "done" -> new PointStatus(index, params, State.DONE, run, "", job);
      case "failed" -> new PointStatus(index, params, State.FAILED, run, r.error(), job);
      default ->
          r.mayBeAlive()
              ? new PointStatus(index, params, State.RUNNING, run, "", job)
              : new PointStatus(
                  index, params, State.STOPPED, run, "its process is gone; resumable", job);
    };
  }

  /** The same point in another state, with another detail. */
  public PointStatus with(State newState, String newDetail) {
    return new PointStatus(index, params, newState, run, newDetail, job);
  }

  /** The same point with the scheduler job that runs or ran it. */
  public PointStatus withJob(String newJob) {
    return new PointStatus(index, params, state, run, detail, Optional.of(newJob));
  }
}
