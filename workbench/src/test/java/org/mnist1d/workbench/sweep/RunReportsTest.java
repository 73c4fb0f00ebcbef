package org.mnist1d.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunReports}: the parent's reports of finished runs are written in order, a failing one is
 * a warning, and a stop lets the one being written finish and names those it drops.
 */
class RunReportsTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private SweepDisplay display() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("s.yaml"), "experiment: quickstart\nname: s\nsweep: {seeds: [1, 2, 3]}\n");
    return new SweepDisplay(
        Sweep.load(config, List.of()),
        1,
        3,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        false);
  }

  private String notes() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void finishWritesEveryReportInOrderAndAFailureIsAWarning() throws Exception {
    List<Path> written = new CopyOnWriteArrayList<>();
    RunReports reports =
        new RunReports(
            display(),
            dir -> {
              if (dir.endsWith("b")) {
                throw new NoClassDefFoundError("java/awt/Font"); // a broken headless JDK
              }
              written.add(dir);
            });
    reports.add(0, 0, tmp.resolve("a"));
    reports.add(0, 1, tmp.resolve("b"));
    reports.add(0, 2, tmp.resolve("c"));
    reports.finish();
    assertEquals(List.of(tmp.resolve("a"), tmp.resolve("c")), written);
    assertTrue(
        notes().contains("point 1 (seed=2): warning: " + tmp.resolve("b") + ": default report not"),
        notes());
  }

  @Test
  void stopFinishesTheReportBeingWrittenAndNamesTheOthers() throws Exception {
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Path> written = new CopyOnWriteArrayList<>();
    RunReports reports =
        new RunReports(
            display(),
            dir -> {
              begun.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted mid-report");
              }
              written.add(dir);
            });
    reports.add(0, 0, tmp.resolve("a"));
    reports.add(0, 1, tmp.resolve("b"));
    reports.add(0, 2, tmp.resolve("c"));
    assertTrue(begun.await(10, TimeUnit.SECONDS));
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              release.countDown();
            });
    releaser.start();
    reports.stop(); // returns once "a" is whole
    assertEquals(List.of(tmp.resolve("a")), written);
    assertTrue(
        notes()
            .contains(
                "point 1 (seed=2): report not written (the sweep was stopped): "
                    + "workbench report "
                    + tmp.resolve("b")),
        notes());
    assertTrue(notes().contains("workbench report " + tmp.resolve("c")), notes());

    reports.add(0, 0, tmp.resolve("d")); // after a stop: named, not written
    assertTrue(notes().contains("workbench report " + tmp.resolve("d")), notes());
    assertEquals(1, written.size());
  }
}
