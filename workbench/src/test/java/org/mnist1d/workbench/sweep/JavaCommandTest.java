package org.mnist1d.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of this JVM's options a worker or Slurm task inherits, and the command line it gets. */
class JavaCommandTest {
  @Test
  void workersReadTheClassDataArchiveButNeverWriteOne() {
    assertTrue(JavaCommand.inherited("-XX:SharedArchiveFile=/repo/workbench/target/w.jsa"));
    assertTrue(JavaCommand.inherited("-Xlog:cds*=off"));
    assertTrue(JavaCommand.inherited("-Xmx4g"));
    assertFalse(
        JavaCommand.inherited("-XX:ArchiveClassesAtExit=/repo/workbench/target/w.jsa.1.part"));
    assertFalse(JavaCommand.inherited("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"));
    assertFalse(JavaCommand.inherited("-Xdebug"));
  }

  @Test
  void commandLineRunsTheMainClassWithTheArguments() {
    JavaCommand java =
        new JavaCommand("/jdk/bin/java", List.of("-Xmx1g"), "/a.jar:/b.jar", "org.example.Main");
    assertEquals(
        List.of(
            "/jdk/bin/java", "-Xmx1g", "-cp", "/a.jar:/b.jar", "org.example.Main", "run", "c.yaml"),
        java.command(List.of("run", "c.yaml")));
  }

  @Test
  void workersThatFillTheCoresOfAnEngineBoundSweepLeaveTheCoresToTraining() {
    JavaCommand java =
        new JavaCommand("/jdk/bin/java", List.of("-Xmx1g"), "/a.jar", "org.example.Main");
    List<String> lean = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g");
    assertEquals(lean, java.forWorkers(true, 2, 2).jvmOptions());
    assertEquals(lean, java.forWorkers(true, 8, 4).jvmOptions());
    // a core to spare for the JVM's own threads, or Java loops that need C2: unchanged
    assertEquals(List.of("-Xmx1g"), java.forWorkers(true, 2, 4).jvmOptions());
    assertEquals(List.of("-Xmx1g"), java.forWorkers(false, 2, 2).jvmOptions());
    // the user's own choice of compilers or collector stands
    for (String chosen : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation")) {
      JavaCommand own = new JavaCommand("/jdk/bin/java", List.of(chosen), "/a.jar", "M");
      assertEquals(List.of("-XX:+UseSerialGC", chosen), own.forWorkers(true, 2, 2).jvmOptions());
    }
    JavaCommand g1 = new JavaCommand("/jdk/bin/java", List.of("-XX:+UseG1GC"), "/a.jar", "M");
    assertEquals(
        List.of("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC"), g1.forWorkers(true, 2, 2).jvmOptions());
  }
}
