package org.mnist1d.workbench.run;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.io.Npy;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.experiment.Checkpoint;

/**
 * A checkpoint on disk, {@code checkpoint.npz}: NumPy's .npz (an uncompressed zip) with each array
 * as {@code NAME.npy} (float64, exact) and, first, {@code checkpoint.json}: the step, the metric
 * row count, the small values and the arrays' names. {@code np.load("checkpoint.npz")} reads it in
 * Python (the JSON entry comes back as bytes). Binary, because the arrays are most of it: text made
 * a large model's checkpoint several times bigger and slower to write.
 *
 * <p>Runs from before it have {@code checkpoint.json} (the same header with the arrays inline as
 * JSON numbers); {@link #readLegacy} reads those, so that they still resume.
 */
final class CheckpointFile {
  static final String HEADER = "checkpoint.json";
  private static final String FORMAT = "mnist1d-workbench checkpoint 1";

  // NaN and infinities among the values stay numbers (as Python's json module writes and reads
  // them), not the strings "NaN" that Jackson writes by default
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private CheckpointFile() {}

  /** Writes {@code c} to {@code file} atomically (a kill leaves the previous file whole). */
  static void write(Path file, Checkpoint c) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("format", FORMAT);
    header.put("step", c.step());
    header.put("metric_rows", c.metricRows());
    header.put("values", c.values());
    List<String> names = c.arrays().keySet().stream().sorted().toList();
    header.put("arrays", names);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(HEADER, JSON.writeValueAsBytes(header));
    for (String name : names) {
      entries.put(name + ".npy", Npy.float64(c.arrays().get(name)));
    }
    AtomicFile.write(file, out -> Npz.writeEntries(out, entries));
  }

  /** Reads a checkpoint written by {@link #write}; a damaged one is a user error naming it. */
  static Checkpoint read(Path file) {
    Map<String, byte[]> entries;
    try (InputStream in = Files.newInputStream(file)) {
      entries = Npz.readEntries(in);
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw damaged(file, "not a readable zip archive (" + why + ")");
    }
    byte[] headerBytes = entries.get(HEADER);
    if (headerBytes == null) {
      throw damaged(file, "no " + HEADER + " entry");
    }
    JsonNode header;
    try {
      header = JSON.readTree(headerBytes);
    } catch (IOException e) {
      throw damaged(file, HEADER + " is not valid JSON");
    }
    if (!header.path("step").canConvertToLong() || !header.path("arrays").isArray()) {
      throw damaged(file, HEADER + " has no step number or no list of arrays");
    }
    if (!FORMAT.equals(header.path("format").asText())) {
      throw damaged(file, "format is '" + header.path("format").asText() + "', expected " + FORMAT);
    }
    Map<String, double[]> arrays = new LinkedHashMap<>();
    for (JsonNode n : header.path("arrays")) {
      String name = n.asText();
      byte[] npy = entries.get(name + ".npy");
      if (npy == null) {
        throw damaged(file, "array '" + name + "' is missing");
      }
      try {
        arrays.put(name, Npy.parse(npy).doubles());
      } catch (IOException | IllegalStateException e) {
        throw damaged(file, "array '" + name + "': " + e.getMessage());
      }
    }
    if (!header.path("values").isObject()) {
      throw damaged(file, HEADER + ": values is not an object");
    }
    return checkpoint(header, arrays);
  }

  /** Reads a {@code checkpoint.json} of the earlier text format (arrays inline). */
  static Checkpoint readLegacy(Path file, JsonNode n) {
    if (!n.has("step") || !n.has("arrays")) {
      throw new UserError(file + ": not a checkpoint (no step or arrays)");
    }
    Map<String, double[]> arrays = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    n.get("arrays").fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode values = n.get("arrays").get(name);
      double[] a = new double[values.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = values.get(i).asDouble();
      }
      arrays.put(name, a);
    }
    return checkpoint(n, arrays);
  }

  private static Checkpoint checkpoint(JsonNode header, Map<String, double[]> arrays) {
    @SuppressWarnings("unchecked")
    Map<String, Object> values = JSON.convertValue(header.path("values"), Map.class);
    return new Checkpoint(
        header.get("step").asLong(),
        header.path("metric_rows").asLong(),
        arrays,
        values == null ? Map.of() : values);
  }

  private static UserError damaged(Path file, String why) {
    return new UserError(file + ": damaged checkpoint: " + why);
  }
}
