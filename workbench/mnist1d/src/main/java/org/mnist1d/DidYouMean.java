package org.mnist1d;

import java.util.Collection;

/**
 * "Did you mean" suggestions for misspelt names (of arguments, keys, commands): the closest known
 * name by edit distance, if close enough.
 */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The closest candidate to {@code name}, or null when none is within a third of its length (min
   * 2).
   */
  public static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = editDistance(name.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  /** " (did you mean 'x'?)" or "". */
  public static String hint(String name, Collection<String> candidates) {
    String c = closest(name, candidates);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
