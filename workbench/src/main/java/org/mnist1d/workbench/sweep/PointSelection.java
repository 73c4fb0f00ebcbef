package org.mnist1d.workbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.mnist1d.workbench.base.UserError;

/**
 * Which points of a sweep to run: all of them, or those an {@code --only} spec names ({@code 3},
 * {@code 0,4-7}). Indices count from 0 in file order (as {@code run --list} prints them).
 */
public record PointSelection(List<Integer> indices) {
  public PointSelection {
    indices = List.copyOf(new TreeSet<>(indices));
  }

  /** Every point of a sweep of {@code count} points. */
  public static PointSelection all(int count) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return new PointSelection(all);
  }

  /**
   * Parses {@code spec}: comma-separated indices and inclusive ranges {@code low-high}, each within
   * {@code [0, count)}. A bad spec is a one-line {@link UserError} naming {@code option}.
   */
  public static PointSelection parse(String option, String spec, int count) {
    String range =
        count == 1
            ? "the sweep has 1 point (0)"
            : "the sweep has " + count + " points (0-" + (count - 1) + ")";
    if (spec == null || spec.isBlank()) {
      throw new UserError(option + ": expected point indices, e.g. 3 or 0,4-7; " + range);
    }
    List<Integer> out = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      String p = part.strip();
      int dash = p.indexOf('-', 1);
      int low;
      int high;
      try {
        if (dash < 0) {
          low = high = Integer.parseInt(p);
        } else {
          low = Integer.parseInt(p.substring(0, dash).strip());
          high = Integer.parseInt(p.substring(dash + 1).strip());
        }
      } catch (NumberFormatException e) {
        throw new UserError(
            option
                + ": '"
                + spec
                + "': expected point indices, e.g. 3 or 0,4-7 (bad part '"
                + p
                + "')");
      }
      if (low > high) {
        throw new UserError(
            option + ": '" + spec + "': range " + p + " runs backwards; expected low-high");
      }
      if (low < 0 || high >= count) {
        int bad = low < 0 ? low : high;
        throw new UserError(option + ": point " + bad + " does not exist; " + range);
      }
      for (int i = low; i <= high; i++) {
        out.add(i);
      }
    }
    return new PointSelection(out);
  }

  /** Whether every point of a sweep of {@code count} points is selected. */
  public boolean isAll(int count) {
    return indices.size() == count;
  }

  /** The compact form, e.g. {@code 0,4-7} (what Slurm's {@code --array} takes). */
  public String spec() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < indices.size(); ) {
      int j = i;
      while (j + 1 < indices.size() && indices.get(j + 1) == indices.get(j) + 1) {
        j++;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(indices.get(i));
      if (j > i) {
        b.append('-').append(indices.get(j));
      }
      i = j + 1;
    }
    return b.toString();
  }
}
