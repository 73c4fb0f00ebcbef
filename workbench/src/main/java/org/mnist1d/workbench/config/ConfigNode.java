package org.mnist1d.workbench.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with its location. {@code value} is a {@code Map<String, ConfigNode>} (insertion
 * ordered), a {@code List<ConfigNode>}, or a scalar: String, Long, Double, Boolean or null.
 */
public record ConfigNode(Object value, Location location) {

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
