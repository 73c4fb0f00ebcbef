package org.mnist1d.workbench.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.VarSnippet;

/**
 * A JShell session that runs cells: it splits code into snippets, evaluates them in order, stops at
 * the first compile or runtime error, and hands back the value of a trailing expression as an
 * object (so that a table or a chart can be shown as such). Also completion and documentation.
 */
final class JavaSession implements AutoCloseable {

  /**
   * The imports JShell's own tool starts with; IJava starts with the same, so cells written for it
   * work.
   */
  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.nio.file.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "java.util.prefs.*",
          "java.util.regex.*",
          "java.util.stream.*");

  private final InProcessExecution execution = new InProcessExecution();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;

  /**
   * Starts JShell in this JVM and runs {@code imports} (e.g. {@code java.util.*}) as import
   * snippets.
   */
  JavaSession(List<String> imports) {
    shell = JShell.builder().executionEngine(execution, Map.of()).build();
    analysis = shell.sourceCodeAnalysis();
    for (String i : imports) {
      eval("import " + i + ";", 1);
    }
  }

  /** Adds a jar or class folder to what snippets compile and run against. */
  void addToClasspath(Path path) {
    shell.addToClasspath(path.toString());
  }

  private volatile boolean running;
  private volatile boolean stopRequested;

  /**
   * Stops the running cell: its code stops at its next loop iteration or method call ({@link
   * CellStop}), a sleep or wait in it ends, and no further snippet of the cell starts. The stop
   * holds until the cell has ended, however many snippets it has left; the next cell starts afresh.
   */
  void stop() {
    if (!running) {
      return;
    }
    stopRequested = true;
    execution.stop();
  }

  /**
   * Evaluates {@code code} snippet by snippet.
   *
   * @param firstLine the cell line (1-based) where {@code code} starts, for error messages
   * @return the value of the last snippet when it is an expression written without a trailing
   *     semicolon; empty otherwise
   * @throws CompilationException when a snippet does not compile (nothing after it runs)
   * @throws EvaluationException when a snippet throws
   * @throws CellInterruptedException when {@link #stop()} ended it
   */
  Optional<Value> eval(String code, int firstLine) {
    stopRequested = false;
    execution.beginCell();
    running = true;
    try {
      return evalSnippets(code, firstLine);
    } finally {
      running = false;
    }
  }

  private Optional<Value> evalSnippets(String code, int firstLine) {
    Optional<Value> last = Optional.empty();
    String rest = code;
    int line = firstLine;
    while (!rest.isBlank()) {
      int lead = leadingBlank(rest);
      line += count(rest.substring(0, lead), '\n');
      rest = rest.substring(lead);
      CompletionInfo info = analysis.analyzeCompletion(rest);
      String snippet;
      String after;
      if (info.completeness().isComplete()) {
        snippet = info.source();
        after = info.remaining();
      } else {
        // Incomplete or unparseable: let the compiler say what is wrong with the whole remainder.
        snippet = rest;
        after = "";
      }
      // As in IPython, a trailing semicolon hides the value: `x` shows x, `printf(...);` shows
      // nothing.
      boolean quiet = rest.substring(0, rest.length() - after.length()).strip().endsWith(";");
      last = evalSnippet(snippet, line);
      if (quiet) {
        last = Optional.empty();
      }
      if (stopRequested) {
        throw new CellInterruptedException(line);
      }
      line += count(rest.substring(0, rest.length() - after.length()), '\n');
      rest = after;
    }
    return last;
  }

  /** A snippet's value; {@code value} may be null (an expression that evaluated to null). */
  record Value(Object value) {}

  private Optional<Value> evalSnippet(String source, int line) {
    List<SnippetEvent> events = shell.eval(source);
    Optional<Value> value = Optional.empty();
    for (SnippetEvent e : events) {
      if (e.causeSnippet() != null) {
        continue; // a dependent snippet changed status; not this cell's doing
      }
      Snippet s = e.snippet();
      if (e.status() == Snippet.Status.REJECTED) {
        throw new CompilationException(source, line, problems(s));
      }
      JShellException thrown = e.exception();
      if (thrown != null) {
        throw new EvaluationException(thrown);
      }
      value = valueOf(s);
    }
    return value;
  }

  private List<CompilationException.Problem> problems(Snippet s) {
    List<CompilationException.Problem> out = new ArrayList<>();
    shell
        .diagnostics(s)
        .filter(Diag::isError)
        .forEach(
            d ->
                out.add(
                    new CompilationException.Problem(
                        d.getMessage(Locale.ROOT),
                        (int) d.getStartPosition(),
                        (int) d.getPosition(),
                        (int) d.getEndPosition())));
    if (out.isEmpty()) {
      out.add(
          new CompilationException.Problem("rejected by JShell (" + s.kind() + ")", -1, -1, -1));
    }
    return out;
  }

  /** The object an expression snippet produced, read from the static field JShell keeps it in. */
  private Optional<Value> valueOf(Snippet s) {
    String name;
    if (s.kind() == Snippet.Kind.VAR
        && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      name = ((VarSnippet) s).name();
    } else if (s.kind() == Snippet.Kind.EXPRESSION) {
      name = ((jdk.jshell.ExpressionSnippet) s).name();
    } else {
      return Optional.empty();
    }
    Optional<VarSnippet> variable =
        shell
            .variables()
            .filter(v -> v.name().equals(name) && shell.status(v).isActive())
            .reduce((a, b) -> b);
    if (variable.isEmpty()) {
      return Optional.empty();
    }
    try {
      String wrapper = analysis.wrapper(variable.get()).fullClassName();
      return Optional.of(new Value(execution.value(wrapper, name)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty(); // the value stays unshown; the snippet itself did run
    }
  }

  /**
   * Completions at {@code cursor} in {@code code} (one snippet or several): texts and where they
   * start.
   */
  Completions complete(String code, int cursor) {
    int start = 0;
    String rest = code;
    while (true) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      int consumed = rest.length() - info.remaining().length();
      if (!info.completeness().isComplete()
          || info.remaining().isEmpty()
          || start + consumed >= cursor) {
        break;
      }
      start += consumed;
      rest = info.remaining();
    }
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> suggestions =
        analysis.completionSuggestions(rest, cursor - start, anchor);
    Set<String> texts = new LinkedHashSet<>();
    suggestions.stream()
        .filter(SourceCodeAnalysis.Suggestion::matchesType)
        .forEach(x -> texts.add(x.continuation()));
    suggestions.forEach(x -> texts.add(x.continuation()));
    return new Completions(List.copyOf(texts), start + anchor[0], cursor);
  }

  /** What completion offers: replacements for the text between {@code from} and {@code to}. */
  record Completions(List<String> texts, int from, int to) {}

  /** Signatures and Javadoc of what is at {@code cursor}, one entry per overload; empty if none. */
  List<String> documentation(String code, int cursor, boolean withJavadoc) {
    List<String> out = new ArrayList<>();
    for (SourceCodeAnalysis.Documentation d : analysis.documentation(code, cursor, withJavadoc)) {
      String doc = d.javadoc();
      out.add(doc == null || doc.isBlank() ? d.signature() : d.signature() + "\n" + doc);
    }
    return out;
  }

  /** Whether {@code code} can run as it is: the last snippet's completeness. */
  Completeness completeness(String code) {
    String rest = code;
    Completeness last = Completeness.EMPTY;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      last = info.completeness();
      if (!last.isComplete()) {
        break;
      }
      rest = info.remaining();
    }
    return last;
  }

  @Override
  public void close() {
    shell.close();
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
