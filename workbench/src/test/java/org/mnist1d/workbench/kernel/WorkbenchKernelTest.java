package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's evaluation, magics, errors and completion, without Jupyter. */
class WorkbenchKernelTest {

  private static WorkbenchKernel kernel;

  @BeforeAll
  static void start() {
    kernel = WorkbenchKernel.create();
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  @Test
  void aCellsLastExpressionIsItsValue() {
    assertEquals(42, kernel.evalRaw("int a = 6;\nint b = 7;\na * b"));
    assertEquals("x", kernel.evalRaw("String s = \"x\"; s"));
    assertNull(kernel.evalRaw("int c = 1;"));
    assertNull(kernel.evalRaw("System.out.print(\"\")"));
    // A trailing semicolon hides an expression's value (printf returns its stream), as in IPython.
    assertNull(kernel.evalRaw("System.out.printf(\"\");"));
    assertNull(kernel.evalRaw("c + 1;"));
    assertEquals(2, kernel.evalRaw("c + 1;\nc + 1"));
  }

  @Test
  void statementsRunInOrderAndDefinitionsPersistAcrossCells() {
    kernel.evalRaw("List<Integer> seen = new ArrayList<>();\nint twice(int v) { return 2 * v; }");
    kernel.evalRaw("for (int i = 0; i < 3; i++) {\n  seen.add(twice(i));\n}");
    assertEquals(List.of(0, 2, 4), kernel.evalRaw("seen"));
  }

  /** Libraries keep per-thread state (PyTorch's autograd mode): all cells share one thread. */
  @Test
  void cellsRunOnOneThreadSoPerThreadStateSurvives() {
    kernel.evalRaw(
        "ThreadLocal<String> mode = new ThreadLocal<>();\nmode.set(\"set in an earlier cell\");\nThread first = Thread.currentThread();");
    assertEquals("set in an earlier cell", kernel.evalRaw("mode.get()"));
    assertEquals(true, kernel.evalRaw("Thread.currentThread() == first"));
  }

  @Test
  void displayInsideACellReachesTheDisplayRoute() {
    List<MimeBundle> shown = new ArrayList<>();
    Display.routeTo(shown::add);
    try {
      kernel.evalRaw("display(html(\"<b>\" + (1 + 1) + \"</b>\"));");
    } finally {
      Display.routeTo(null);
    }
    assertEquals(1, shown.size());
    assertEquals("<b>2</b>", shown.get(0).data().get(MimeBundle.HTML));
  }

  @Test
  void aCompileErrorNamesTheLineAndMarksTheSymbol() {
    CompilationException e =
        assertThrows(
            CompilationException.class,
            () -> kernel.evalRaw("int ok = 1;\n\nint bad = ok + missingName;"));
    assertTrue(e.getMessage().contains("cannot find symbol"), e.getMessage());
    List<String> tb = Tracebacks.of(e);
    assertEquals("line 3: error: cannot find symbol", tb.get(0));
    assertEquals("    int bad = ok + missingName;", tb.get(1));
    assertEquals("                   ^^^^^^^^^^^", tb.get(2));
  }

  @Test
  void nothingAfterACompileErrorRuns() {
    kernel.evalRaw("int counter = 0;");
    assertThrows(
        CompilationException.class,
        () -> kernel.evalRaw("counter++;\nnot java at all;\ncounter++;"));
    assertEquals(1, kernel.evalRaw("counter"));
  }

  @Test
  void aRuntimeExceptionBecomesAnErrorWithTheCellsFrames() {
    kernel.evalRaw("int divide(int a, int b) { return a / b; }");
    EvaluationException e =
        assertThrows(EvaluationException.class, () -> kernel.evalRaw("int q = divide(1, 0);"));
    assertEquals("java.lang.ArithmeticException: / by zero", e.getMessage());
    List<String> tb = Tracebacks.of(e);
    assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0));
    assertTrue(tb.get(1).startsWith("\tat divide (snippet"), tb.toString());
    assertTrue(
        tb.stream().noneMatch(l -> l.contains("jdk.jshell") || l.contains("reflect")),
        tb.toString());
    assertTrue(e.getStackTrace().length >= 2, "the reply's stack is the cell's");
  }

  @Test
  void jarsMagicAddsAJarThatCellsCompileAndRunAgainst(@TempDir Path dir) throws Exception {
    DemoJar.jar(dir.resolve("build"), dir.resolve("lib/demo.jar"));
    assertEquals(DemoJar.GREETING, kernel.evalRaw("%jars " + dir + "/lib/*.jar\ndemo.Hello.hi()"));
  }

  @Test
  void classpathMagicAddsAClassFolder(@TempDir Path dir) throws Exception {
    Path classes = DemoJar.classes(dir);
    kernel.evalRaw("%classpath " + classes);
    assertEquals(DemoJar.GREETING, kernel.evalRaw("demo.Hello.hi()"));
  }

  @Test
  void badMagicsAreErrorsNamingTheLine(@TempDir Path dir) {
    MagicException unknown =
        assertThrows(MagicException.class, () -> kernel.evalRaw("int z = 1;\n%maven a:b:1"));
    assertTrue(
        unknown.getMessage().startsWith("line 2: %maven: unknown line magic"),
        unknown.getMessage());
    MagicException missing =
        assertThrows(MagicException.class, () -> kernel.evalRaw("%jars " + dir + "/none/*.jar"));
    assertTrue(missing.getMessage().contains("nothing matches"), missing.getMessage());
  }

  @Test
  void completionOffersNamesInScope() {
    kernel.evalRaw("int learningRate = 3;");
    String cell = "int other = 1;\nint y = learningR";
    ReplacementOptions r = kernel.complete(cell, cell.length());
    assertTrue(r.getReplacements().contains("learningRate"), r.getReplacements().toString());
    assertEquals(cell.indexOf("learningR"), r.getSourceStart());
    assertEquals(cell.length(), r.getSourceEnd());

    String member = "%jars nothing-here.jar\n\"abc\".toUpperC";
    ReplacementOptions m = kernel.complete(member, member.length());
    assertTrue(m.getReplacements().contains("toUpperCase("), m.getReplacements().toString());
  }

  /** Runs {@code cell} on another thread; its outcome is its value or the exception it threw. */
  private static java.util.concurrent.CompletableFuture<Object> runAsync(String cell) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          try {
            return kernel.evalRaw(cell);
          } catch (RuntimeException e) {
            return e;
          }
        });
  }

  /**
   * Waits until the cell running in {@code run} has set system property {@code name} (the cell runs
   * in this JVM: a system property is a cheap signal), then interrupts it as Jupyter's
   * interrupt_request does, and returns how it ended.
   */
  private static Object interruptOnceStarted(
      java.util.concurrent.CompletableFuture<Object> run, String name) throws Exception {
    while (!run.isDone() && System.getProperty(name) == null) {
      Thread.sleep(10);
    }
    System.clearProperty(name);
    kernel.interrupt();
    return run.get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** A busy loop stops without Thread.stop (which throws on JDK 20 and later). */
  @Test
  void anInterruptStopsABusyLoop() throws Exception {
    Object outcome =
        interruptOnceStarted(
            runAsync("System.setProperty(\"kernel.test.spinning\", \"yes\");\nwhile (true) { }"),
            "kernel.test.spinning");
    assertTrue(outcome instanceof CellInterruptedException, String.valueOf(outcome));
    assertEquals(5, kernel.evalRaw("2 + 3"), "the kernel still runs cells after an interrupt");
  }

  /** Catching Exception does not keep a loop running, and the rest of the cell does not run. */
  @Test
  void anInterruptStopsALoopThatCatchesExceptionsAndTheRestOfTheCell() throws Exception {
    kernel.evalRaw("int afterLoop = 0;\nlong spins = 0;");
    Object outcome =
        interruptOnceStarted(
            runAsync(
                String.join(
                    "\n",
                    "System.setProperty(\"kernel.test.catching\", \"yes\");",
                    "while (true) { try { spins++; Thread.sleep(0, 1000); } catch (Exception e) { } }",
                    "afterLoop = 1;")),
            "kernel.test.catching");
    assertTrue(outcome instanceof CellInterruptedException, String.valueOf(outcome));
    assertEquals(0, kernel.evalRaw("afterLoop"), "no snippet after the interrupted one ran");
  }

  /** A sleeping (or waiting) cell is woken; the next cell's thread is not left interrupted. */
  @Test
  void anInterruptEndsASleepAndLeavesNoInterruptBehind() throws Exception {
    Object outcome =
        interruptOnceStarted(
            runAsync(
                "System.setProperty(\"kernel.test.sleeping\", \"yes\");\nThread.sleep(600_000);"),
            "kernel.test.sleeping");
    assertTrue(outcome instanceof CellInterruptedException, String.valueOf(outcome));
    assertEquals(false, kernel.evalRaw("Thread.currentThread().isInterrupted()"));
    assertEquals(7, kernel.evalRaw("Thread.sleep(5);\n7"));
  }

  /**
   * A stop touches only the cell it was meant for: cells after it run whole, however soon they
   * start. (An interrupt used to be repeated for a few seconds by a helper thread; it could stop a
   * later cell's variable initialiser and leave the variable null.)
   */
  @Test
  void anInterruptDoesNotReachLaterCells() throws Exception {
    Object outcome =
        interruptOnceStarted(
            runAsync("System.setProperty(\"kernel.test.later\", \"yes\");\nwhile (true) { }"),
            "kernel.test.later");
    assertTrue(outcome instanceof CellInterruptedException, String.valueOf(outcome));
    for (int i = 0; i < 20; i++) {
      assertEquals(
          "ok " + i,
          kernel.evalRaw(
              "String later = \"ok \" + " + i + ";\nfor (int k = 0; k < 100_000; k++) { }\nlater"));
    }
    kernel.interrupt(); // nothing runs: a no-op
    assertEquals(1, kernel.evalRaw("int one = 1;\none"));
  }

  @Test
  void inspectShowsTheSignaturesAtTheCursor() {
    String code = "Math.max(";
    org.dflib.jjava.jupyter.kernel.display.DisplayData d =
        kernel.inspect(code, code.length(), false);
    String text =
        String.valueOf(d.getData(org.dflib.jjava.jupyter.kernel.display.common.Text.PLAIN));
    assertTrue(text.contains("int Math.max(int a, int b)"), text);
    assertTrue(text.contains("double Math.max(double a, double b)"), text);
  }

  @Test
  void isCompleteAsksForMoreInsideABlock() {
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int x = 1;"));
    assertEquals("    ", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
  }
}
