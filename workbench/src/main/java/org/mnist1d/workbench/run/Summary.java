package org.mnist1d.workbench.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code summary.json}: status (running, done, failed), experiment, params (what
 * tells this run apart in its sweep), results (final figures, nested by dotted key), error.
 */
public final class Summary {
  private final RunDirectory dir;
  private final Map<String, Object> content = new LinkedHashMap<>();
  private final Map<String, Object> results = new LinkedHashMap<>();

  Summary(
      RunDirectory dir,
      String experiment,
      String name,
      Map<String, Object> params,
      String started) {
    this.dir = dir;
    content.put("status", "running");
    content.put("experiment", experiment);
    content.put("name", name);
    content.put("params", new LinkedHashMap<>(params));
    content.put("results", results);
    content.put("started", started);
  }

  /** Records the run's place in its sweep ({@code sweep: {id, point, points}}). */
  synchronized void sweep(SweepPoint place) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", place.sweep());
    m.put("point", place.index());
    m.put("points", place.count());
    content.put("sweep", m);
  }

  /**
   * Records where the run is executing now ({@code process: {host, pid, slurm_job}}), so that a
   * status check can tell a live run from one whose process is gone.
   */
  synchronized void process(Map<String, Object> where) {
    content.put("process", new LinkedHashMap<>(where));
  }

  /** A result by dotted key ({@code baselines.relu.test_acc}); written out at once. */
  public synchronized void result(String key, Object value) {
    Map<String, Object> cur = results;
    String[] parts = key.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> next =
          (Map<String, Object>)
              cur.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
      cur = next;
    }
    cur.put(parts[parts.length - 1], value);
    write();
  }

  /** Restores results of a resumed run. */
  @SuppressWarnings("unchecked")
  synchronized void restore(Map<String, Object> previous) {
    Object r = previous.get("results");
    if (r instanceof Map<?, ?> m) {
      results.putAll((Map<String, Object>) m);
    }
    Object s = previous.get("started");
    if (s != null) {
      content.put("started", s);
    }
    Object sweep = previous.get("sweep");
    if (sweep != null) {
      content.put("sweep", sweep);
    }
  }

  synchronized void status(String status, String error) {
    content.put("status", status);
    if (error != null) {
      content.put("error", error);
    } else {
      content.remove("error");
    }
    if (!status.equals("running")) {
      content.put("finished", Instant.now().toString());
    } else {
      content.remove("finished");
    }
    write();
  }

  /**
   * Marks the run failed with {@code error} unless its status is already settled; true if it did.
   */
  synchronized boolean failIfRunning(String error) {
    if (!"running".equals(content.get("status"))) {
      return false;
    }
    status("failed", error);
    return true;
  }

  synchronized void write() {
    dir.writeJson(RunDirectory.SUMMARY, content);
  }
}
