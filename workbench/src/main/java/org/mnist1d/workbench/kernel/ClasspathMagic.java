package org.mnist1d.workbench.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * IJava's {@code %jars} and {@code %classpath} line magics: glob patterns resolved, relative to the
 * kernel's working directory (the notebook's folder), to the entries to add to JShell's class path.
 *
 * <p>{@code %jars} takes jar files; {@code %classpath} also takes folders, and each argument may
 * hold several entries separated by {@code :}. A pattern that matches nothing is an error: a
 * notebook that silently runs without its jars fails later with a puzzling "cannot find symbol".
 */
public final class ClasspathMagic {
  private ClasspathMagic() {}

  /** The jar files named by {@code %jars} arguments, in argument order, sorted within a glob. */
  public static List<Path> jars(List<String> args) {
    List<Path> out = new ArrayList<>();
    for (String arg : args) {
      for (String pattern : arg.split(File.pathSeparator)) {
        for (Path p : resolve(pattern)) {
          if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(
                "'" + p + "' is not a file (expected a .jar; use %classpath for folders)");
          }
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The jars and class folders named by {@code %classpath} arguments. */
  public static List<Path> classpath(List<String> args) {
    List<Path> out = new ArrayList<>();
    for (String arg : args) {
      for (String pattern : arg.split(File.pathSeparator)) {
        out.addAll(resolve(pattern));
      }
    }
    return out;
  }

  private static List<Path> resolve(String pattern) {
    if (pattern.isBlank()) {
      return List.of();
    }
    List<Path> found;
    try {
      found = PathsHandler.resolveGlobs(pattern);
    } catch (RuntimeException e) {
      if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
        throw new IllegalArgumentException("cannot read '" + pattern + "': " + e.getMessage(), e);
      }
      found = List.of(); // a folder on the way does not exist
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "nothing matches '" + pattern + "' (relative to " + Path.of("").toAbsolutePath() + ")");
    }
    return found.stream().map(p -> p.toAbsolutePath().normalize()).sorted().toList();
  }
}
