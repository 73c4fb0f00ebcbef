package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathMagicTest {

  @TempDir Path dir;

  @Test
  void jarsResolvesGlobsSortedAndAbsolute() throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Path b = Files.createFile(dir.resolve("lib/b.jar"));
    Path a = Files.createFile(dir.resolve("lib/a.jar"));
    Files.createFile(dir.resolve("lib/notes.txt"));
    Path main = Files.createFile(dir.resolve("main.jar"));
    List<Path> found = ClasspathMagic.jars(List.of(main.toString(), dir + "/lib/*.jar"));
    assertEquals(List.of(main, a, b), found);
  }

  @Test
  void classpathTakesFoldersAndSeparatedEntries() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path jar = Files.createFile(dir.resolve("x.jar"));
    assertEquals(
        List.of(classes, jar),
        ClasspathMagic.classpath(List.of(classes + File.pathSeparator + jar)));
  }

  @Test
  void aPatternMatchingNothingIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ClasspathMagic.jars(List.of(dir + "/lib/*.jar")));
    assertTrue(e.getMessage().contains("nothing matches"), e.getMessage());
  }

  @Test
  void jarsRefusesAFolder() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ClasspathMagic.jars(List.of(classes.toString())));
    assertTrue(e.getMessage().contains("use %classpath"), e.getMessage());
  }
}
