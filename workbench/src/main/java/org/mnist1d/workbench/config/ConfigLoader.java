package org.mnist1d.workbench.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mnist1d.DidYouMean;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dArgumentException;
import org.mnist1d.workbench.experiment.Checks;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.ConfigError;
import org.mnist1d.workbench.experiment.ExperimentSchema;
import org.mnist1d.workbench.experiment.Location;

/**
 * Turns an experiment file plus {@code --set} overrides into resolved configs, one per sweep point.
 * Every mistake is a {@link ConfigError} naming file:line:column and the key path.
 *
 * <p>Top-level keys: {@code experiment} (required), {@code name}, {@code seed}, {@code device},
 * {@code dataset}, {@code sweep}, {@code report}, and the experiment's own sections ({@link
 * ExperimentSchema}).
 */
public final class ConfigLoader {
  private static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

  private final Function<String, ExperimentSchema> schemas;
  private final List<String> names;

  /** A loader that finds experiment schemas by name among {@code known}. */
  public ConfigLoader(List<? extends ExperimentSchema> known) {
    Map<String, ExperimentSchema> byName = new LinkedHashMap<>();
    known.forEach(s -> byName.put(s.name(), s));
    this.schemas = byName::get;
    this.names = List.copyOf(byName.keySet());
  }

  /** One resolved run of a sweep: its config and the values that tell it apart. */
  public record Point(Config config, Map<String, Object> params) {}

  /**
   * An experiment file read: its sweep points and its optional {@code report:} section (a mapping,
   * or the path of a report file; report.SweepReport reads it).
   */
  public record ExperimentFile(Path file, List<Point> points, Optional<ConfigNode> report) {}

  /** Loads {@code file} with overrides ({@code path.to.key=VALUE}) and expands its sweep. */
  public List<Point> load(Path file, List<String> overrides) {
    return read(file, overrides).points();
  }

  /** As {@link #load}, keeping the file's {@code report:} section. */
  public ExperimentFile read(Path file, List<String> overrides) {
    ConfigNode root = applyOverrides(YamlReader.read(file), overrides);
    Optional<ConfigNode> report = Optional.ofNullable(root.map().get("report"));
    report
        .filter(r -> r.isList() || r.value() == null)
        .ifPresent(
            r -> {
              throw new ConfigError(
                  r.location(),
                  "report",
                  "expected a report section (title, tables, charts) or a report file's path");
            });
    return new ExperimentFile(file, expand(root), report);
  }

  /** Resolves an already-resolved config (a run directory's config.yaml): no sweep expected. */
  public Config loadResolved(Path file) {
    List<Point> points = expand(YamlReader.read(file));
    if (points.size() != 1) {
      throw new ConfigError(
          new Location(file.toString(), 0, 0), "sweep", "a run's config must not sweep");
    }
    return points.get(0).config();
  }

  static ConfigNode applyOverrides(ConfigNode root, List<String> overrides) {
    if (!root.isMap()) {
      throw new ConfigError(root.location(), "", "expected a mapping of keys at the top level");
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      String path = eq > 0 ? o.substring(0, eq).trim() : "";
      if (eq <= 0
          || path.isEmpty()
          || path.startsWith(".")
          || path.endsWith(".")
          || path.contains("..")) {
        throw new ConfigError(
            Location.override(o), "", "expected path.to.key=VALUE, e.g. training.steps=500");
      }
      ConfigNode value = YamlReader.parseValue(o, o.substring(eq + 1).trim());
      Map<String, ConfigNode> cur = root.map();
      String[] parts = path.split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        ConfigNode next = cur.get(parts[i]);
        if (next == null) {
          next = new ConfigNode(new LinkedHashMap<String, ConfigNode>(), Location.override(o));
          cur.put(parts[i], next);
        } else if (!next.isMap()) {
          throw new ConfigError(
              Location.override(o),
              String.join(".", List.of(parts).subList(0, i + 1)),
              "is not a section, cannot set " + path);
        }
        cur = next.map();
      }
      cur.put(parts[parts.length - 1], value);
    }
    return root;
  }

  private List<Point> expand(ConfigNode root) {
    if (!root.isMap()) {
      throw new ConfigError(root.location(), "", "expected a mapping of keys at the top level");
    }
    ConfigNode exp = root.map().get("experiment");
    if (exp == null) {
      throw new ConfigError(
          root.location(), "experiment", "missing; expected one of " + String.join(", ", names));
    }
    String name = String.valueOf(exp.value());
    ExperimentSchema schema = exp.isMap() || exp.isList() ? null : schemas.apply(name);
    if (schema == null) {
      throw new ConfigError(
          exp.location(),
          "experiment",
          "unknown experiment '"
              + name
              + "'; expected one of "
              + String.join(", ", names)
              + DidYouMean.hint(name, names));
    }
    Map<String, Object> defaults = defaultsOf(schema);
    Map<String, ConfigNode> top = new LinkedHashMap<>(root.map());
    ConfigNode sweep = top.remove("sweep");
    top.remove("report"); // applies to the sweep's runs together, not to each run's config

    List<Map<String, ConfigNode>> grid = Sweeps.points(sweep, defaults);
    List<Point> out = new ArrayList<>();
    for (Map<String, ConfigNode> point : grid) {
      ConfigNode merged = withValues(new ConfigNode(top, root.location()), point);
      Map<String, Location> locations = new LinkedHashMap<>();
      locations.put("", root.location());
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = (Map<String, Object>) resolve(merged, defaults, "", locations);
      Config config = new Config(tree, locations);
      checkCommon(config);
      schema.check(config);
      derive(config, schema.derivedDataset(config));
      Map<String, Object> params = new LinkedHashMap<>();
      point.forEach((k, v) -> params.put(Sweeps.paramName(k, point.keySet()), config.get(k)));
      out.add(new Point(config, params));
    }
    return out;
  }

  private static Map<String, Object> defaultsOf(ExperimentSchema schema) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("experiment", schema.name());
    d.put("name", schema.name());
    d.put("seed", schema.defaultSeed());
    d.put("device", "auto");
    Map<String, Object> dataset = new LinkedHashMap<>(Mnist1dArgs.defaultValues());
    dataset.putAll(schema.datasetDefaults());
    d.put("dataset", dataset);
    schema.defaults().forEach(d::put);
    return d;
  }

  private static void checkCommon(Config c) {
    Checks.oneOf(c, "device", DEVICES);
    if (c.seed() < 0) {
      throw c.error("seed", "expected an integer >= 0, got " + c.seed());
    }
    try {
      c.dataset();
    } catch (Mnist1dArgumentException e) {
      // point at the dataset key the generator complained about
      throw c.error(
          "dataset." + e.argument(), e.getMessage().replaceFirst("^dataset argument \\S+: ", ""));
    }
  }

  /**
   * Writes dataset arguments the experiment derives into the config's {@code dataset:} section; a
   * value the file set differently is an error at the place it was set.
   */
  private static void derive(Config c, Map<String, Object> derived) {
    if (derived.isEmpty()) {
      return;
    }
    Map<String, Object> dataset = c.section("dataset");
    for (Map.Entry<String, Object> e : derived.entrySet()) {
      String path = "dataset." + e.getKey();
      Object given = dataset.get(e.getKey());
      if (c.locations().containsKey(path) && !sameValue(given, e.getValue())) {
        throw c.error(
            path,
            "is derived by the "
                + c.experiment()
                + " experiment from its own keys (here "
                + e.getValue()
                + "); remove it, or set it to that value");
      }
      dataset.put(e.getKey(), e.getValue());
    }
    try {
      c.dataset();
    } catch (Mnist1dArgumentException e) {
      throw c.error("dataset." + e.argument(), e.getMessage());
    }
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return java.util.Objects.equals(a, b);
  }

  /** A copy of {@code node} (a mapping) with dotted-path values replaced. */
  private static ConfigNode withValues(ConfigNode node, Map<String, ConfigNode> values) {
    ConfigNode copy = deepCopy(node);
    for (Map.Entry<String, ConfigNode> e : values.entrySet()) {
      Map<String, ConfigNode> cur = copy.map();
      String[] parts = e.getKey().split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        ConfigNode next = cur.get(parts[i]);
        if (next == null || !next.isMap()) {
          next = new ConfigNode(new LinkedHashMap<String, ConfigNode>(), e.getValue().location());
          cur.put(parts[i], next);
        }
        cur = next.map();
      }
      cur.put(parts[parts.length - 1], e.getValue());
    }
    return copy;
  }

  private static ConfigNode deepCopy(ConfigNode n) {
    if (n.isMap()) {
      Map<String, ConfigNode> m = new LinkedHashMap<>();
      n.map().forEach((k, v) -> m.put(k, deepCopy(v)));
      return new ConfigNode(m, n.location(), n.keyLocation());
    }
    return n;
  }

  /** Checks {@code given} against {@code def} (the default decides the type) and fills defaults. */
  static Object resolve(
      ConfigNode given, Object def, String path, Map<String, Location> locations) {
    if (given != null) {
      locations.put(path, given.location());
    }
    if (def instanceof Map<?, ?> defMap) {
      if (given != null && !given.isMap()) {
        throw new ConfigError(
            given.location(), path, "expected a section of keys, got " + describe(given));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      if (given != null) {
        for (Map.Entry<String, ConfigNode> e : given.map().entrySet()) {
          if (!defMap.containsKey(e.getKey())) {
            List<String> known = defMap.keySet().stream().map(String::valueOf).toList();
            throw new ConfigError(
                e.getValue().keyLocation(),
                join(path, e.getKey()),
                "unknown key"
                    + DidYouMean.hint(e.getKey(), known)
                    + "; expected one of "
                    + String.join(", ", known));
          }
        }
      }
      for (Map.Entry<?, ?> e : defMap.entrySet()) {
        String key = String.valueOf(e.getKey());
        ConfigNode child = given == null ? null : given.map().get(key);
        out.put(key, resolve(child, e.getValue(), join(path, key), locations));
      }
      return out;
    }
    if (given == null) {
      return def;
    }
    return typed(given, def, path);
  }

  private static Object typed(ConfigNode given, Object def, String path) {
    Object v = given.value();
    if (def == null) {
      return given.plain();
    }
    if (def instanceof Integer || def instanceof Long) {
      if (v instanceof Long l) {
        return def instanceof Integer ? (Object) Math.toIntExact(l) : l;
      }
      throw new ConfigError(given.location(), path, "expected an integer, got " + describe(given));
    }
    if (def instanceof Double) {
      if (v instanceof Long || v instanceof Double) {
        return ((Number) v).doubleValue();
      }
      throw new ConfigError(given.location(), path, "expected a number, got " + describe(given));
    }
    if (def instanceof Boolean) {
      if (v instanceof Boolean) {
        return v;
      }
      throw new ConfigError(
          given.location(), path, "expected true or false, got " + describe(given));
    }
    if (def instanceof List<?> defList) {
      if (!given.isList()) {
        throw new ConfigError(
            given.location(),
            path,
            "expected a list, e.g. " + defList + ", got " + describe(given));
      }
      Object elementDefault = defList.isEmpty() ? null : defList.get(0);
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < given.list().size(); i++) {
        out.add(typed(given.list().get(i), elementDefault, path + "[" + i + "]"));
      }
      return out;
    }
    if (given.isMap() || given.isList() || v == null) {
      throw new ConfigError(
          given.location(), path, "expected a text value, got " + describe(given));
    }
    return String.valueOf(v);
  }

  static String describe(ConfigNode n) {
    if (n.isMap()) {
      return "a section";
    }
    if (n.isList()) {
      return "a list";
    }
    Object v = n.value();
    return v == null ? "nothing" : v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
