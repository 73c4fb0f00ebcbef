package org.mnist1d.workbench.run;

/**
 * A run's place in its sweep, recorded in summary.json as {@code sweep: {id, point, points}}: the
 * sweep's id (a hash of every point's resolved config, so the same file and overrides give the same
 * id), the point's index in file order, and the number of points.
 */
public record SweepPoint(String sweep, int index, int count) {}
