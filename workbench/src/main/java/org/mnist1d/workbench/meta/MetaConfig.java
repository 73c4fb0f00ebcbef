package org.mnist1d.workbench.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.cli.UserError;

/**
 * A metalearning experiment's YAML config: {@code experiment}, {@code seed}, {@code dataset}
 * (generator arguments, e.g. {@code num_samples}), {@code params} (the experiment's numbers,
 * every one with the published default) and an optional {@code sweep} (param name to a list of
 * values: one run per value). Unknown keys and wrong types are user errors naming file and key.
 */
public record MetaConfig(Path file, String experiment, long seed, int numSamples, Map<String, Object> params,
    String sweepKey, List<Object> sweepValues) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads {@code file}, filling defaults from {@code defaults} (param name to default value). */
  public static MetaConfig load(Path file, Map<String, Map<String, Object>> defaultsByExperiment) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UserError(file + ": cannot read YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isObject()) {
      throw new UserError(file + ": expected a YAML mapping at the top level");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!List.of("experiment", "seed", "dataset", "params", "sweep", "name").contains(k)) {
        throw new UserError(file + ": unknown key '" + k + "' (expected experiment, name, seed, dataset, params, sweep)");
      }
    }
    String experiment = root.path("experiment").asText("");
    Map<String, Object> defaults = defaultsByExperiment.get(experiment);
    if (defaults == null) {
      throw new UserError(file + ": experiment: expected one of " + defaultsByExperiment.keySet() + ", got '" + experiment + "'");
    }
    long seed = root.has("seed") ? integer(file, "seed", root.get("seed")) : 0L;
    int numSamples = (int) (experiment.equals("metalearn-activation") ? 10000 : 5000);
    JsonNode dataset = root.path("dataset");
    if (!dataset.isMissingNode()) {
      for (Iterator<String> it = dataset.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!k.equals("num_samples")) {
          throw new UserError(file + ": dataset." + k + ": only num_samples can be set here");
        }
      }
      if (dataset.has("num_samples")) {
        numSamples = (int) integer(file, "dataset.num_samples", dataset.get("num_samples"));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>(defaults);
    JsonNode p = root.path("params");
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), value(file, "params." + e.getKey(), defaults, e.getKey(), e.getValue()));
    }
    String sweepKey = null;
    List<Object> sweepValues = List.of();
    JsonNode sweep = root.path("sweep");
    if (!sweep.isMissingNode()) {
      if (!sweep.isObject() || sweep.size() != 1) {
        throw new UserError(file + ": sweep: expected one param name mapped to a list of values");
      }
      sweepKey = sweep.fieldNames().next();
      JsonNode list = sweep.get(sweepKey);
      if (!list.isArray() || list.isEmpty()) {
        throw new UserError(file + ": sweep." + sweepKey + ": expected a non-empty list");
      }
      List<Object> values = new ArrayList<>();
      for (JsonNode v : list) {
        values.add(value(file, "sweep." + sweepKey, defaults, sweepKey, v));
      }
      sweepValues = values;
    }
    return new MetaConfig(file, experiment, seed, numSamples, params, sweepKey, sweepValues);
  }

  private static long integer(Path file, String key, JsonNode v) {
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new UserError(file + ": " + key + ": expected an integer, got '" + v.asText() + "'");
    }
    return v.asLong();
  }

  private static Object value(Path file, String key, Map<String, Object> defaults, String name, JsonNode v) {
    Object d = defaults.get(name);
    if (d == null) {
      throw new UserError(file + ": " + key + ": unknown parameter (expected one of " + defaults.keySet() + ")");
    }
    if (d instanceof Integer) {
      return (int) integer(file, key, v);
    }
    if (d instanceof Double) {
      if (!v.isNumber()) {
        throw new UserError(file + ": " + key + ": expected a number, got '" + v.asText() + "'");
      }
      return v.asDouble();
    }
    if (d instanceof List) {
      if (!v.isArray()) {
        throw new UserError(file + ": " + key + ": expected a list");
      }
      List<Object> out = new ArrayList<>();
      v.forEach(x -> out.add(x.asText()));
      return out;
    }
    return v.asText();
  }

  /** The runs of this config: one per sweep value (or the config itself), each with its params. */
  public List<Map<String, Object>> points() {
    if (sweepKey == null) {
      return List.of(params);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object v : sweepValues) {
      Map<String, Object> p = new LinkedHashMap<>(params);
      p.put(sweepKey, v);
      out.add(p);
    }
    return out;
  }

  /** The resolved config of one run as YAML text (every default filled in). */
  public String resolvedYaml(Map<String, Object> point) {
    ObjectNode n = YAML.createObjectNode();
    n.put("experiment", experiment);
    n.put("seed", seed);
    n.putObject("dataset").put("num_samples", numSamples);
    n.set("params", YAML.valueToTree(point));
    try {
      return YAML.writeValueAsString(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static double number(Map<String, Object> p, String k) {
    return ((Number) p.get(k)).doubleValue();
  }

  static int integer(Map<String, Object> p, String k) {
    return ((Number) p.get(k)).intValue();
  }
}
