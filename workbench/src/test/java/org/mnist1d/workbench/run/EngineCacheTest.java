package org.mnist1d.workbench.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Environment#nativeLibraryCached}: a sweep skips loading the engine itself only when DJL's
 * cache holds every file of the bundled native library.
 */
class EngineCacheTest {
  @TempDir Path tmp;

  @Test
  void theCacheThisProcessLoadedFromIsComplete() {
    Engine.getInstance(); // unpacks into the cache if it was not there
    assertTrue(Environment.nativeLibraryCached());
  }

  @Test
  void anEmptyOrPartialCacheIsNot() throws Exception {
    assertFalse(Environment.nativeLibraryCached(tmp), "empty cache");

    Properties p = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
      p.load(in);
    }
    Path dir =
        tmp.resolve("pytorch")
            .resolve(
                p.getProperty("version")
                    + "-"
                    + p.getProperty("flavor")
                    + "-"
                    + p.getProperty("classifier"));
    Files.createDirectories(dir);
    for (String lib : p.getProperty("libraries").split(",")) {
      Files.writeString(dir.resolve(lib), "");
    }
    assertFalse(Environment.nativeLibraryCached(tmp), "no JNI library yet");
    Files.writeString(dir.resolve(Engine.getDjlVersion() + "-libdjl_torch.so"), "");
    assertTrue(Environment.nativeLibraryCached(tmp), "every file there");
    Files.delete(dir.resolve("libtorch_cpu.so"));
    assertFalse(Environment.nativeLibraryCached(tmp), "one library missing");
  }
}
