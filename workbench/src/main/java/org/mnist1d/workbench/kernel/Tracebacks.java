package org.mnist1d.workbench.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

/**
 * The traceback lines a notebook shows under a failed cell: for a compile error the offending line
 * with the error marked; for an exception the Java stack trace of the cell's code, without the
 * frames of JShell and reflection that every cell shares; for a bad magic its message.
 */
public final class Tracebacks {
  private Tracebacks() {}

  /** Lines (no newlines inside) describing {@code error}. */
  public static List<String> of(Throwable error) {
    if (error instanceof CompilationException c) {
      return compilation(c);
    } else if (error instanceof EvaluationException e
        && e.getCause() instanceof JShellException j) {
      return evaluation(j);
    }
    return List.of(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  static List<String> compilation(CompilationException c) {
    List<String> lines = new ArrayList<>();
    String src = c.snippet();
    for (CompilationException.Problem p : c.problems()) {
      int pos = p.position() >= 0 ? Math.min(p.position(), src.length()) : -1;
      if (pos < 0) {
        lines.add("error: " + p.message());
        continue;
      }
      int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
      int lineEnd = src.indexOf('\n', pos);
      if (lineEnd < 0) {
        lineEnd = src.length();
      }
      int lineNo =
          c.firstLine()
              + (int) src.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
      String firstMessageLine = p.message().lines().findFirst().orElse("");
      lines.add("line " + lineNo + ": error: " + firstMessageLine);
      lines.add("    " + src.substring(lineStart, lineEnd));
      int from = Math.max(lineStart, Math.min(p.start() < 0 ? pos : p.start(), pos));
      int to = Math.min(lineEnd, Math.max(pos + 1, p.end()));
      lines.add("    " + " ".repeat(from - lineStart) + "^".repeat(Math.max(1, to - from)));
      p.message().lines().skip(1).forEach(l -> lines.add("  " + l.strip()));
    }
    return lines;
  }

  static List<String> evaluation(JShellException e) {
    List<String> lines = new ArrayList<>();
    JShellException current = e;
    boolean first = true;
    while (current != null) {
      lines.add((first ? "" : "Caused by: ") + EvaluationException.describe(current));
      for (StackTraceElement f : cellFrames(current)) {
        lines.add("\tat " + frame(f));
      }
      first = false;
      current = current instanceof EvalException ee ? ee.getCause() : null;
    }
    return lines;
  }

  /** Frames every cell shares: JShell's wrapper invocation and reflection. */
  private static boolean isMachinery(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("jdk.internal.reflect.")
        || c.startsWith("java.lang.reflect.")
        || c.startsWith("jdk.jshell.")
        || c.startsWith("java.lang.Thread");
  }

  /**
   * JShell reports a cell's own frames with an empty class name and the snippet's id as the file
   * ({@code #12}); the top-level code of a snippet has an empty method name.
   */
  static String frame(StackTraceElement f) {
    String c = f.getClassName();
    if (c.isEmpty() || c.startsWith("REPL.")) {
      String method =
          f.getMethodName().isEmpty() || f.getMethodName().equals("do_it$")
              ? "<cell>"
              : f.getMethodName();
      return method + " (snippet " + f.getFileName() + ", line " + f.getLineNumber() + ")";
    }
    return f.toString();
  }

  /** The frames of {@code e} without JShell's and reflection's, which every cell shares. */
  static StackTraceElement[] cellFrames(JShellException e) {
    return java.util.Arrays.stream(e.getStackTrace())
        .filter(f -> !isMachinery(f))
        .toArray(StackTraceElement[]::new);
  }
}
