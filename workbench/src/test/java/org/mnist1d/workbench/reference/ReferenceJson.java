package org.mnist1d.workbench.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference files recorded by the scripts in {@code src/test/python} (PyTorch, NumPy,
 * scikit-learn), read from the test classpath under {@code /reference/}, and their arrays as Java
 * arrays. Nothing here runs Python.
 */
public final class ReferenceJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceJson() {}

  /** The parsed file {@code /reference/PATH} (e.g. {@code torch/optimizers.json}). */
  public static JsonNode read(String path) {
    String resource = "/reference/" + path;
    try (InputStream in = ReferenceJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A list of numbers. */
  public static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  /** A list of whole numbers. */
  public static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  /** A list of lists of numbers, as rows. */
  public static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(n.get(i));
    }
    return out;
  }

  /** A list of lists of whole numbers, as rows. */
  public static int[][] intMatrix(JsonNode n) {
    int[][] out = new int[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(n.get(i));
    }
    return out;
  }
}
