package org.mnist1d.workbench.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's direct execution engine (snippets run in the kernel's own JVM), extended so that cells
 * run on one thread, can be stopped, and the kernel can read a snippet's value as an object rather
 * than as a string.
 *
 * <p>Why in-process rather than JShell's default remote JVM: {@code display(...)} inside a snippet
 * must reach the kernel's Jupyter connection (it is a plain static call here, where a remote JVM
 * would need a second channel); DJL's native libraries load once, in one process, on a machine with
 * little memory; the class path is the kernel's own, so nothing has to be kept in sync with a
 * second JVM's command line; and the last expression's value can be rendered as HTML or an image.
 * The price: {@code System.exit} in a cell ends the kernel. An interrupt stops a cell through
 * checks compiled into the cell's classes and the thread's interrupt status ({@link CellStop}), not
 * with {@code Thread.stop} as JShell's local engine of JDK 17 does (it throws on JDK 20 and later).
 * Unlike that engine, all cells run on one thread (see {@link Control}).
 */
final class InProcessExecution implements ExecutionControlProvider {

  private volatile Control control;

  @Override
  public String name() {
    return "workbench-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    control = new Control();
    return control;
  }

  /** A cell starts: a stop requested for an earlier cell no longer applies. */
  void beginCell() {
    if (control != null) {
      try {
        control.beginCell();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /** Stops the running cell. */
  void stop() {
    if (control != null) {
      control.stop();
    }
  }

  /** The value of static field {@code field} of the snippet wrapper class {@code className}. */
  Object value(String className, String field) throws ReflectiveOperationException {
    if (control == null) {
      throw new IllegalStateException("JShell has not started its execution engine");
    }
    return control.value(className, field);
  }

  /**
   * Runs every snippet on one long-lived thread. JShell's local engine starts a new thread per
   * snippet, which breaks libraries that keep per-thread state: PyTorch's autograd mode is per
   * thread, and DJL switches it off only on the thread that loaded the engine, so a model built in
   * one cell and trained in the next would record its optimiser updates in autograd (training went
   * wrong and 20x slower). A notebook is one thread of thought; so is this.
   */
  private static final class Control extends DirectExecutionControl {
    private ExecutorService cells = newCellThread();
    private volatile Thread cellThread;

    private ExecutorService newCellThread() {
      return Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "notebook-cell");
            t.setDaemon(true);
            cellThread = t;
            return t;
          });
    }

    Object value(String className, String field) throws ReflectiveOperationException {
      Field f = findClass(className).getDeclaredField(field);
      f.setAccessible(true);
      return f.get(null);
    }

    /** Every class a cell defines gets the stop checks before it is loaded. */
    @Override
    public void load(ClassBytecodes[] cbcs)
        throws ClassInstallException, NotImplementedException, EngineTerminationException {
      ClassBytecodes[] checked = new ClassBytecodes[cbcs.length];
      for (int i = 0; i < cbcs.length; i++) {
        checked[i] = new ClassBytecodes(cbcs[i].name(), CellStop.instrument(cbcs[i].bytecodes()));
      }
      super.load(checked);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
      Future<Object> result =
          cells.submit(
              () -> {
                Thread.currentThread()
                    .setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
                if (CellStop.requested(Thread.currentThread())) {
                  throw new CellStop.Stopped(); // stopped between two snippets: run no more
                }
                return doitMethod.invoke(null);
              });
      try {
        return valueString(result.get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvocationTargetException ite && ite.getCause() != null) {
          cause = ite.getCause();
        }
        // whatever a stopped cell ended with (the check's error, an InterruptedException from a
        // sleep, an I/O error of an interrupted channel) is the stop
        if (cause instanceof CellStop.Stopped || CellStop.requested(cellThread)) {
          throw new ExecutionControl.StoppedException();
        }
        Throwable thrown = e.getCause();
        if (thrown instanceof Exception ex) {
          throw ex; // InvocationTargetException: JShell reports the cell's exception
        }
        throw new InvocationTargetException(thrown);
      }
    }

    /** A cell starts: stops requested for earlier ones no longer apply. */
    void beginCell() throws InterruptedException, ExecutionException {
      cells.submit(() -> CellStop.clear(Thread.currentThread())).get();
    }

    /** Stops the running cell (and keeps any further snippet of it from starting). */
    @Override
    public void stop() {
      Thread t = cellThread;
      if (t != null) {
        CellStop.request(t);
      }
    }

    @Override
    public void close() {
      cells.shutdownNow();
      super.close();
    }
  }
}
