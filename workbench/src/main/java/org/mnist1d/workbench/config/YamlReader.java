package org.mnist1d.workbench.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.experiment.ConfigError;
import org.mnist1d.workbench.experiment.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads YAML into {@link ConfigNode}s that remember their line and column (for error messages). */
public final class YamlReader {
  private YamlReader() {}

  /** Parses {@code file}; a missing file or a syntax error is a {@link ConfigError}. */
  public static ConfigNode read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigError(new Location(file.toString(), 0, 0), "", "no such file");
    } catch (IOException e) {
      throw new ConfigError(
          new Location(file.toString(), 0, 0), "", "cannot read (" + e.getMessage() + ")");
    }
    return parse(file.toString(), new StringReader(text));
  }

  /** Parses YAML text; {@code source} names it in errors. */
  public static ConfigNode parse(String source, Reader text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(text);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw new ConfigError(at(source, m), "", "YAML syntax error: " + problem);
    } catch (RuntimeException e) {
      throw new ConfigError(
          new Location(source, 0, 0),
          "",
          "YAML syntax error: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (root == null) {
      return new ConfigNode(new LinkedHashMap<String, ConfigNode>(), new Location(source, 1, 1));
    }
    return convert(source, root, "");
  }

  private static Location at(String source, Mark m) {
    return m == null
        ? new Location(source, 0, 0)
        : new Location(source, m.getLine() + 1, m.getColumn() + 1);
  }

  private static ConfigNode convert(String source, Node node, String path) {
    Location loc = at(source, node.getStartMark());
    if (node instanceof MappingNode mapping) {
      Map<String, ConfigNode> m = new LinkedHashMap<>();
      for (NodeTuple t : mapping.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw new ConfigError(
              at(source, t.getKeyNode().getStartMark()), path, "keys must be plain names");
        }
        String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        if (m.containsKey(key.getValue())) {
          throw new ConfigError(at(source, key.getStartMark()), child, "duplicate key");
        }
        ConfigNode value = convert(source, t.getValueNode(), child);
        m.put(
            key.getValue(),
            new ConfigNode(value.value(), value.location(), at(source, key.getStartMark())));
      }
      return new ConfigNode(m, loc);
    }
    if (node instanceof SequenceNode seq) {
      List<ConfigNode> l = new ArrayList<>();
      for (Node n : seq.getValue()) {
        l.add(convert(source, n, path + "[" + l.size() + "]"));
      }
      return new ConfigNode(l, loc);
    }
    return new ConfigNode(scalar((ScalarNode) node), loc);
  }

  /** YAML core scalars as SnakeYAML resolves them: int, float, bool, null, else string. */
  static Object scalar(ScalarNode s) {
    Tag tag = s.getTag();
    String v = s.getValue();
    try {
      if (Tag.INT.equals(tag)) {
        return Long.parseLong(v.replace("_", ""));
      }
      if (Tag.FLOAT.equals(tag)) {
        return Double.parseDouble(v.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return v;
    }
    if (Tag.BOOL.equals(tag)) {
      return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
    }
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    return v;
  }

  /**
   * Parses one override value ({@code --set key=VALUE}) as YAML flow: 3, 0.1, true, [1, 2], text.
   */
  public static ConfigNode parseValue(String setting, String value) {
    ConfigNode n = parse("--set " + setting, new StringReader(value.isEmpty() ? "''" : value));
    return relocate(n, Location.override(setting));
  }

  private static ConfigNode relocate(ConfigNode n, Location loc) {
    if (n.isMap()) {
      Map<String, ConfigNode> m = new LinkedHashMap<>();
      n.map().forEach((k, v) -> m.put(k, relocate(v, loc)));
      return new ConfigNode(m, loc);
    }
    if (n.isList()) {
      return new ConfigNode(n.list().stream().map(x -> relocate(x, loc)).toList(), loc);
    }
    return new ConfigNode(n.value(), loc);
  }
}
