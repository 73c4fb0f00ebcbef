package org.mnist1d.workbench.experiment;

/** Where a config value came from: a file position, or a command-line override. */
public record Location(String source, int line, int column) {
  /** A value given on the command line with {@code --set}. */
  public static Location override(String setting) {
    return new Location("--set " + setting, 0, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ":" + column : source;
  }
}
