package org.mnist1d.workbench.kernel;

import java.util.List;
import java.util.stream.Collectors;

/** A cell's code did not compile: what the compiler said, where, in the snippet it rejected. */
public final class CompilationException extends RuntimeException {

  /** One compiler error: its message and its place (character offsets) in the snippet. */
  public record Problem(String message, int start, int position, int end) {}

  private final String snippet;
  private final int firstLine;
  private final List<Problem> problems;

  /**
   * @param snippet the source JShell rejected
   * @param firstLine the cell line (1-based) where the snippet starts
   * @param problems the compiler's errors, in order
   */
  public CompilationException(String snippet, int firstLine, List<Problem> problems) {
    // No stack trace: where the kernel noticed the error says nothing about the cell.
    super(
        problems.stream().map(Problem::message).collect(Collectors.joining("; ")),
        null,
        false,
        false);
    this.snippet = snippet;
    this.firstLine = firstLine;
    this.problems = List.copyOf(problems);
  }

  public String snippet() {
    return snippet;
  }

  public int firstLine() {
    return firstLine;
  }

  public List<Problem> problems() {
    return problems;
  }
}
