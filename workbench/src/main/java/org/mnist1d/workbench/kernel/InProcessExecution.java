package org.mnist1d.workbench.kernel;

import java.lang.reflect.Field;
import java.util.Map;
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
 * would need a second channel); DJL's native libraries load once, in one process, on a machine
 * with little memory; the class path is the kernel's own, so nothing has to be kept in sync with a
 * second JVM's command line; and the last expression's value can be rendered as HTML or an image.
 * The price: {@code System.exit} in a cell ends the kernel, and an interrupt stops the cell's thread
 * with {@code Thread.stop}, as JShell's local engine does.
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

  private static final class Control extends LocalExecutionControl {
    Object value(String className, String field) throws ReflectiveOperationException {
      Field f = findClass(className).getDeclaredField(field);
      f.setAccessible(true);
      return f.get(null);
    }
  }
}
