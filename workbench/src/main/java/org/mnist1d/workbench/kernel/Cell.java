package org.mnist1d.workbench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook cell split, in order, into Java code and IJava-style line magics ({@code %name args}).
 *
 * <p>A line magic is a line whose first non-blank character is {@code %} followed directly by a
 * name; the rest of the line holds its arguments, split at blanks, with double quotes grouping and
 * backslash escaping as in IJava. Everything else is code, kept with its offset in the cell so that
 * error positions still point into the cell.
 */
public record Cell(List<Part> parts) {

  private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*%(\\w[\\w-]*)(.*)$");

  /** One piece of a cell. */
  public sealed interface Part permits Code, LineMagic {}

  /** Java source, starting at {@code offset} characters into the cell. */
  public record Code(String source, int offset) implements Part {}

  /** A line magic: {@code %name arg1 "arg 2"} on line {@code line} (1-based). */
  public record LineMagic(String name, List<String> args, int line) implements Part {}

  /** Splits a cell's source into code and line magics, in order; blank code is dropped. */
  public static Cell parse(String source) {
    List<Part> parts = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    int codeStart = 0;
    int pos = 0;
    int lineNo = 1;
    while (pos <= source.length()) {
      int end = source.indexOf('\n', pos);
      int lineEnd = end < 0 ? source.length() : end;
      String line = source.substring(pos, lineEnd);
      Matcher m =
          MAGIC_LINE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      if (m.matches()) {
        addCode(parts, code, codeStart);
        parts.add(new LineMagic(m.group(1), splitArgs(m.group(2)), lineNo));
        code.setLength(0);
        codeStart = end < 0 ? source.length() : end + 1;
      } else {
        if (code.length() == 0) {
          codeStart = pos;
        }
        code.append(source, pos, end < 0 ? lineEnd : end + 1);
      }
      if (end < 0) {
        break;
      }
      pos = end + 1;
      lineNo++;
    }
    addCode(parts, code, codeStart);
    return new Cell(List.copyOf(parts));
  }

  private static void addCode(List<Part> parts, StringBuilder code, int offset) {
    if (!code.toString().isBlank()) {
      parts.add(new Code(code.toString(), offset));
    }
  }

  /**
   * Splits magic arguments at blanks; {@code "..."} groups, {@code \} escapes the next character.
   */
  static List<String> splitArgs(String text) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean inArg = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(text.charAt(++i));
        inArg = true;
      } else if (c == '"') {
        quoted = !quoted;
        inArg = true;
      } else if (!quoted && (c == ' ' || c == '\t' || c == '\r')) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (inArg) {
      args.add(current.toString());
    }
    return List.copyOf(args);
  }
}
