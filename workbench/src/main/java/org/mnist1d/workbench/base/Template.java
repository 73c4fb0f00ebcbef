package org.mnist1d.workbench.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text template kept as a resource file, with {@code {{name}}} placeholders filled in one pass (a
 * value that itself contains braces is copied as it is).
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");

  private Template() {}

  /**
   * The resource {@code name} (relative to {@code owner}'s package, or absolute with a leading
   * slash) with every placeholder replaced by its value; a placeholder without a value, or a
   * missing resource, is a programming error.
   */
  public static String render(Class<?> owner, String name, Map<String, String> values) {
    String text = text(owner, name);
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(name + ": no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The UTF-8 text of the resource {@code name} (relative to {@code owner}'s package, or absolute
   * with a leading slash); a missing resource is a programming error.
   */
  public static String text(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + name + " is missing beside " + owner.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
