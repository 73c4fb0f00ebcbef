package org.mnist1d.workbench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The scikit-learn 1.2.1 reference values written by src/test/python/probe_reference.py: a 300/100
 * train/test split in 16 dimensions with 10 classes, kNN predictions, scaler statistics and
 * logistic-regression fits.
 */
final class ProbeReference {
  private ProbeReference() {}

  static final JsonNode ROOT = load();

  private static JsonNode load() {
    try (InputStream in =
        ProbeReference.class.getResourceAsStream("/reference/probe/probe_reference.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "reference/probe/probe_reference.json not on the test classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode get(String path) {
    JsonNode n = ROOT;
    for (String part : path.split("\\.")) {
      n = n.get(part);
      if (n == null) {
        throw new IllegalArgumentException("no " + path + " in the reference");
      }
    }
    return n;
  }

  static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(n.get(i));
    }
    return out;
  }

  static int[][] intMatrix(JsonNode n) {
    int[][] out = new int[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(n.get(i));
    }
    return out;
  }

  static double[][] xTrain() {
    return matrix(get("x_train"));
  }

  static int[] yTrain() {
    return ints(get("y_train"));
  }

  static double[][] xTest() {
    return matrix(get("x_test"));
  }

  static int[] yTest() {
    return ints(get("y_test"));
  }
}
