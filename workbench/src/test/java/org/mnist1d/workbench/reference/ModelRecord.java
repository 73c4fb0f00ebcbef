package org.mnist1d.workbench.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A model record of {@code reference/torch/models-*.json}: the inputs, the parameters (PyTorch
 * {@code state_dict} order) and, per precision, the logits, the mean cross-entropy and its
 * gradients (README of src/test/python, "The model record").
 */
public record ModelRecord(JsonNode file, JsonNode model) {

  /** The record of {@code reference/torch/FILE} (a file with one {@code model}). */
  public static ModelRecord of(String file) {
    JsonNode root = TorchReference.read(file);
    return new ModelRecord(root, root.get("model"));
  }

  /** The input rows {@code x[b][i]} (float64). */
  public double[][] x() {
    return TorchReference.rows(file.get("x"));
  }

  /** The labels. */
  public int[] y() {
    JsonNode y = file.get("y");
    int[] out = new int[y.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = y.get(i).asInt();
    }
    return out;
  }

  /** The parameter names, in order. */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    model.get("params").forEach(p -> names.add(p.get("name").asText()));
    return names;
  }

  /** The parameters' flat values (float32 numbers, exact in float64), in order. */
  public List<double[]> params() {
    return tensors(model.get("params"));
  }

  /** The parameters' shapes, in order. */
  public List<long[]> shapes() {
    List<long[]> out = new ArrayList<>();
    for (JsonNode p : model.get("params")) {
      long[] s = new long[p.get("shape").size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = p.get("shape").get(i).asLong();
      }
      out.add(s);
    }
    return out;
  }

  /** The logits in {@code dtype} (float64 or float32), flattened row-major. */
  public double[] logits(String dtype) {
    return TorchReference.doubles(model.get(dtype).get("logits"));
  }

  /** The mean cross-entropy in {@code dtype}. */
  public double loss(String dtype) {
    return model.get(dtype).get("loss").asDouble();
  }

  /** The gradients in {@code dtype}, or null where the file omits them (large float32 models). */
  public List<double[]> grads(String dtype) {
    JsonNode g = model.get(dtype).get("grads");
    return g == null || g.isNull() ? null : tensors(g);
  }

  private static List<double[]> tensors(JsonNode list) {
    List<double[]> out = new ArrayList<>();
    list.forEach(t -> out.add(TorchReference.doubles(t.get("values"))));
    return out;
  }
}
