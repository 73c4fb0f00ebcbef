package org.mnist1d.workbench.experiment;

import org.mnist1d.workbench.base.UserError;

/** A config mistake, reported as {@code file:line:column: key.path: what was expected}. */
public final class ConfigError extends UserError {
  private final Location where;
  private final String path;
  private final String detail;

  public ConfigError(Location where, String path, String message) {
    super(
        (where == null ? "config" : where.toString())
            + ": "
            + (path == null || path.isEmpty() ? "" : path + ": ")
            + message);
    this.where = where;
    this.path = path;
    this.detail = message;
  }

  /** The same mistake with its key path under {@code section} (a section parsed on its own). */
  public ConfigError under(String section) {
    return new ConfigError(
        where, path == null || path.isEmpty() ? section : section + "." + path, detail);
  }
}
