package org.mnist1d.workbench.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.DidYouMean;
import org.mnist1d.workbench.experiment.ConfigError;

/**
 * Expands a {@code sweep:} section into points: the cartesian product of {@code grid} (dotted
 * config path to a list of values) times {@code seeds} (a list of seeds), in file order.
 */
final class Sweeps {
  private Sweeps() {}

  static List<Map<String, ConfigNode>> points(ConfigNode sweep, Map<String, Object> defaults) {
    List<Map<String, ConfigNode>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    if (sweep == null || sweep.value() == null) {
      return points;
    }
    if (!sweep.isMap()) {
      throw new ConfigError(sweep.location(), "sweep", "expected a section with grid and/or seeds");
    }
    for (Map.Entry<String, ConfigNode> e : sweep.map().entrySet()) {
      switch (e.getKey()) {
        case "grid" -> {
          ConfigNode grid = e.getValue();
          if (!grid.isMap()) {
            throw new ConfigError(
                grid.location(),
                "sweep.grid",
                "expected a mapping of config paths to lists of values");
          }
          for (Map.Entry<String, ConfigNode> axis : grid.map().entrySet()) {
            checkPath(axis.getKey(), axis.getValue(), defaults);
            points =
                product(
                    points, axis.getKey(), values(axis.getValue(), "sweep.grid." + axis.getKey()));
          }
        }
        case "seeds" -> points = product(points, "seed", values(e.getValue(), "sweep.seeds"));
        default ->
            throw new ConfigError(
                e.getValue().keyLocation(),
                "sweep." + e.getKey(),
                "unknown key"
                    + DidYouMean.hint(e.getKey(), List.of("grid", "seeds"))
                    + "; expected grid or seeds");
      }
    }
    return points;
  }

  private static List<ConfigNode> values(ConfigNode n, String path) {
    if (!n.isList() || n.list().isEmpty()) {
      throw new ConfigError(n.location(), path, "expected a non-empty list of values");
    }
    return n.list();
  }

  private static void checkPath(String path, ConfigNode at, Map<String, Object> defaults) {
    Object cur = defaults;
    String sofar = "";
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
        List<String> known =
            cur instanceof Map<?, ?> mm
                ? mm.keySet().stream().map(String::valueOf).toList()
                : List.of();
        throw new ConfigError(
            at.keyLocation(),
            "sweep.grid." + path,
            "no such config key"
                + (sofar.isEmpty() ? "" : " under " + sofar)
                + DidYouMean.hint(part, known));
      }
      cur = m.get(part);
      sofar = sofar.isEmpty() ? part : sofar + "." + part;
    }
    if (path.equals("experiment") || path.equals("sweep")) {
      throw new ConfigError(at.location(), "sweep.grid." + path, "cannot be swept");
    }
  }

  private static List<Map<String, ConfigNode>> product(
      List<Map<String, ConfigNode>> points, String key, List<ConfigNode> values) {
    List<Map<String, ConfigNode>> out = new ArrayList<>();
    for (Map<String, ConfigNode> p : points) {
      for (ConfigNode v : values) {
        Map<String, ConfigNode> q = new LinkedHashMap<>(p);
        q.put(key, v);
        out.add(q);
      }
    }
    return out;
  }

  /** The param name of a swept path: its last segment, or the whole path when that is ambiguous. */
  static String paramName(String path, Collection<String> all) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    long same = all.stream().filter(p -> p.substring(p.lastIndexOf('.') + 1).equals(last)).count();
    return same > 1 ? path : last;
  }
}
