package org.mnist1d.workbench.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine (snippets run in the kernel's own JVM), extended so that the
 * kernel can read a snippet's value as an object rather than as a string.
 *
 * <p>Why in-process rather than JShell's default remote JVM: {@code display(...)} inside a snippet
 * must reach the kernel's Jupyter connection (it is a plain static call here, where a remote JVM
 * would need a second channel); DJL's native libraries load once, in one process, on a machine with
 * little memory; the class path is the kernel's own, so nothing has to be kept in sync with a
 * second JVM's command line; and the last expression's value can be rendered as HTML or an image.
 * The price: {@code System.exit} in a cell ends the kernel, and an interrupt stops the cell's
 * thread with {@code Thread.stop}, as JShell's local engine does. Unlike that engine, all cells run
 * on one thread (see {@link Control}).
 */
final class InProcessExecution implements ExecutionControlProvider {

  private Control control;

  @Override
  public String name() {
    return "workbench-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    control = new Control();
    return control;
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
  private static final class Control extends LocalExecutionControl {
    private ExecutorService cells = newCellThread();
    private volatile Thread cellThread;
    private volatile boolean running;

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

    @Override
    protected String invoke(Method doitMethod) throws Exception {
      Future<Object> result =
          cells.submit(
              () -> {
                Thread.currentThread()
                    .setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
                running = true;
                try {
                  return doitMethod.invoke(null);
                } finally {
                  running = false;
                }
              });
      try {
        return valueString(result.get());
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ThreadDeath
            || (cause instanceof InvocationTargetException ite
                && ite.getCause() instanceof ThreadDeath)) {
          throw new ExecutionControl.StoppedException();
        }
        if (cause instanceof Exception ex) {
          throw ex; // InvocationTargetException: JShell reports the cell's exception
        }
        throw new InvocationTargetException(cause);
      }
    }

    @SuppressWarnings(
        "removal") // Thread.stop: what JShell's own local engine does to stop a snippet
    @Override
    public void stop() {
      Thread t = cellThread;
      if (running && t != null) {
        t.stop();
      }
    }

    @Override
    public void close() {
      cells.shutdownNow();
      super.close();
    }
  }
}
