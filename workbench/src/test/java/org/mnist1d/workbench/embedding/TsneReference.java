package org.mnist1d.workbench.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import org.mnist1d.workbench.reference.ReferenceJson;

/**
 * The values written by src/test/python/tsne_reference.py (NumPy and scikit-learn), read from the
 * test classpath under /reference/tsne/.
 */
final class TsneReference {
  private TsneReference() {}

  static JsonNode load(String name) {
    return ReferenceJson.read("tsne/" + name);
  }

  static double[] doubles(JsonNode n) {
    return ReferenceJson.doubles(n);
  }

  static int[] ints(JsonNode n) {
    return ReferenceJson.ints(n);
  }

  static double[][] matrix(JsonNode n) {
    return ReferenceJson.matrix(n);
  }

  static int[][] intMatrix(JsonNode n) {
    return ReferenceJson.intMatrix(n);
  }

  /** A flat row-major list reshaped to rows of {@code width}. */
  static double[][] reshape(double[] flat, int width) {
    double[][] out = new double[flat.length / width][width];
    for (int i = 0; i < out.length; i++) {
      System.arraycopy(flat, i * width, out[i], 0, width);
    }
    return out;
  }

  /** The dense symmetric matrix of an upper-triangle listing {i, j, p}. */
  static double[][] symmetricFromUpper(JsonNode upper, int n) {
    int[] is = ints(upper.get("i"));
    int[] js = ints(upper.get("j"));
    double[] ps = doubles(upper.get("p"));
    double[][] p = new double[n][n];
    for (int e = 0; e < ps.length; e++) {
      p[is[e]][js[e]] = ps[e];
      p[js[e]][is[e]] = ps[e];
    }
    return p;
  }

  /** The largest |a - b| relative to the largest |b|. */
  static double relativeGap(double[][] a, double[][] b) {
    double gap = 0;
    double scale = 0;
    for (int i = 0; i < b.length; i++) {
      for (int j = 0; j < b[i].length; j++) {
        gap = Math.max(gap, Math.abs(a[i][j] - b[i][j]));
        scale = Math.max(scale, Math.abs(b[i][j]));
      }
    }
    return gap / scale;
  }
}
