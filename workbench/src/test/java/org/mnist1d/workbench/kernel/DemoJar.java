package org.mnist1d.workbench.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/**
 * Builds, for tests, a class {@code demo.Hello} (its {@code hi()} returns a known string) as
 * classes and as a jar.
 */
final class DemoJar {
  private DemoJar() {}

  static final String GREETING = "hi from the demo jar";

  /** Compiles demo.Hello into {@code dir/classes} and returns that folder. */
  static Path classes(Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/demo")).resolve("Hello.java");
    Files.writeString(
        src,
        "package demo; public class Hello { public static String hi() { return \""
            + GREETING
            + "\"; } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed");
    }
    return classes;
  }

  /** demo.Hello packed as {@code jar}. */
  static Path jar(Path dir, Path jar) throws IOException {
    Path classes = classes(dir);
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("demo/Hello.class"));
      j.write(Files.readAllBytes(classes.resolve("demo/Hello.class")));
      j.closeEntry();
    }
    return jar;
  }
}
