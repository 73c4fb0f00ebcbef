package org.mnist1d.workbench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.mnist1d.workbench.reference.ReferenceJson;

/**
 * The scikit-learn 1.2.1 reference values written by src/test/python/probe_reference.py: a 300/100
 * train/test split in 16 dimensions with 10 classes, kNN predictions, scaler statistics and
 * logistic-regression fits.
 */
final class ProbeReference {
  private ProbeReference() {}

  static final JsonNode ROOT = load();

  private static JsonNode load() {
    return ReferenceJson.read("probe/probe_reference.json");
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

  static double[][] xTrain() {
    return ReferenceJson.matrix(get("x_train"));
  }

  static int[] yTrain() {
    return ReferenceJson.ints(get("y_train"));
  }

  static double[][] xTest() {
    return ReferenceJson.matrix(get("x_test"));
  }

  static int[] yTest() {
    return ReferenceJson.ints(get("y_test"));
  }
}
