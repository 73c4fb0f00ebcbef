package org.mnist1d.workbench.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.experiment.Location;

/**
 * A YAML value with its location. {@code value} is a {@code Map<String, ConfigNode>} (insertion
 * ordered), a {@code List<ConfigNode>}, or a scalar: String, Long, Double, Boolean or null. {@code
 * keyLocation} is where its key stands when it is a mapping's entry (for "unknown key").
 */
public record ConfigNode(Object value, Location location, Location keyLocation) {

  /** A value that is not a mapping's entry (or whose key position does not matter). */
  public ConfigNode(Object value, Location location) {
    this(value, location, location);
  }

  public boolean isMap() {
    return value instanceof Map;
  }

  public boolean isList() {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  public Map<String, ConfigNode> map() {
    return (Map<String, ConfigNode>) value;
  }

  @SuppressWarnings("unchecked")
  public List<ConfigNode> list() {
    return (List<ConfigNode>) value;
  }

  /** The plain Java value: nested LinkedHashMaps, Lists and scalars, without locations. */
  public Object plain() {
    if (isMap()) {
      Map<String, Object> m = new LinkedHashMap<>();
      map().forEach((k, v) -> m.put(k, v.plain()));
      return m;
    }
    if (isList()) {
      return list().stream().map(ConfigNode::plain).toList();
    }
    return value;
  }
}
