package org.mnist1d.workbench.config;

import org.mnist1d.workbench.cli.UserError;

/** A config mistake, reported as {@code file:line:column: key.path: what was expected}. */
public final class ConfigError extends UserError {
  public ConfigError(Location where, String path, String message) {
    super((where == null ? "config" : where.toString()) + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + message);
  }
}
