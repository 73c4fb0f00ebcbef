package org.mnist1d.workbench.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.mnist1d.Mnist1dArgs;

/**
 * One resolved experiment config: every default filled in, overrides and the sweep point applied.
 * Values are read by dotted path ({@code training.steps}); {@code locations} says where each came
 * from, so checks made after loading still point at the file, line and column.
 */
public record Config(Map<String, Object> tree, Map<String, Location> locations) {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** The registered experiment name. */
  public String experiment() {
    return string("experiment");
  }

  /** The run's seed. */
  public long seed() {
    return ((Number) get("seed")).longValue();
  }

  /** {@code auto}, {@code cpu} or {@code gpu}. */
  public String device() {
    return string("device");
  }

  /** The generator arguments of the {@code dataset:} section. */
  public Mnist1dArgs dataset() {
    return Mnist1dArgs.fromMap(section("dataset"));
  }

  /** The value at a dotted path; an {@link IllegalArgumentException} if there is none. */
  public Object get(String path) {
    Object cur = tree;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Map<?, ?> m) || !m.containsKey(part)) {
        throw new IllegalArgumentException("config has no key " + path);
      }
      cur = m.get(part);
    }
    return cur;
  }

  public int integer(String path) {
    return Math.toIntExact(((Number) get(path)).longValue());
  }

  public long longValue(String path) {
    return ((Number) get(path)).longValue();
  }

  public double number(String path) {
    return ((Number) get(path)).doubleValue();
  }

  public boolean bool(String path) {
    return (Boolean) get(path);
  }

  public String string(String path) {
    return String.valueOf(get(path));
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String path) {
    return (List<Object>) get(path);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> section(String path) {
    return (Map<String, Object>) get(path);
  }

  /** A check made after loading failed: the error points at where {@code path} was set. */
  public ConfigError error(String path, String message) {
    Location where =
        locations.getOrDefault(path, locations.getOrDefault("", new Location("config", 0, 0)));
    return new ConfigError(where, path, message);
  }

  /** The resolved config as YAML (written to a run's {@code config.yaml}). */
  public String toYaml() {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
