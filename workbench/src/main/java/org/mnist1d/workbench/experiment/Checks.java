package org.mnist1d.workbench.experiment;

import org.mnist1d.DidYouMean;

/** Common range checks for {@link ExperimentSchema#check(Config)}. */
public final class Checks {
  private Checks() {}

  /** The integer at {@code path} is at least {@code min}. */
  public static void atLeast(Config c, String path, long min) {
    if (c.longValue(path) < min) {
      throw c.error(path, "expected an integer >= " + min + ", got " + c.longValue(path));
    }
  }

  /** The number at {@code path} is strictly positive. */
  public static void positive(Config c, String path) {
    if (!(c.number(path) > 0)) {
      throw c.error(path, "expected a number > 0, got " + c.get(path));
    }
  }

  /** The number at {@code path} is >= 0. */
  public static void nonNegative(Config c, String path) {
    if (!(c.number(path) >= 0)) {
      throw c.error(path, "expected a number >= 0, got " + c.get(path));
    }
  }

  /** The string at {@code path} is one of {@code allowed}. */
  public static void oneOf(Config c, String path, java.util.Collection<String> allowed) {
    String v = c.string(path);
    if (!allowed.contains(v)) {
      throw c.error(
          path,
          "expected one of "
              + String.join(", ", allowed)
              + ", got '"
              + v
              + "'"
              + DidYouMean.hint(v, allowed));
    }
  }
}
