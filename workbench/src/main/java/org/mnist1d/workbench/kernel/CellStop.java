package org.mnist1d.workbench.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * How a running cell is stopped without {@code Thread.stop} (which throws on JDK 20 and later):
 * every class a cell defines is compiled with a call to {@link #check()} at the start of each
 * method and before each backward jump (every loop iteration), and {@link #request} makes those
 * calls throw on the cell's thread. So {@code while (true) { }} in a cell stops; the thread is also
 * interrupted, so that sleeps, waits and interruptible I/O inside library calls end too. A library
 * call that computes for a long time without looking at its thread's interrupt status finishes that
 * call first.
 */
public final class CellStop {
  /** The thread whose cell is being stopped (null: none). */
  private static volatile Thread stopping;

  private CellStop() {}

  /**
   * Called by cell code at every loop iteration and method entry: throws when this thread's cell is
   * being stopped. Public because the cells' classes call it; not for other use.
   */
  public static void check() {
    if (stopping == Thread.currentThread()) {
      throw new Stopped();
    }
  }

  /** Makes {@code cellThread}'s checks throw, and interrupts it. */
  static void request(Thread cellThread) {
    stopping = cellThread;
    cellThread.interrupt();
  }

  /** Whether {@code cellThread}'s cell is being stopped. */
  static boolean requested(Thread cellThread) {
    return stopping == cellThread;
  }

  /**
   * A new cell starts on {@code cellThread}: a stop meant for an earlier one no longer applies, nor
   * does the interrupt it left.
   */
  static void clear(Thread cellThread) {
    if (stopping == cellThread) {
      stopping = null;
    }
    if (Thread.currentThread() == cellThread) {
      Thread.interrupted();
    }
  }

  /**
   * What a check throws: an Error, so that a cell's {@code catch (Exception e)} does not swallow
   * it.
   */
  static final class Stopped extends Error {
    Stopped() {
      super("cell stopped", null, false, false);
    }
  }

  private static final String OWNER = CellStop.class.getName().replace('.', '/');

  /**
   * {@code classFile} with the checks added; unchanged when it cannot be read (a class file newer
   * than this ASM knows: the cell can then still be interrupted, but not a busy loop in it).
   */
  static byte[] instrument(byte[] classFile) {
    ClassReader reader;
    try {
      reader = new ClassReader(classFile);
    } catch (IllegalArgumentException unsupportedVersion) {
      return classFile;
    }
    // A call with no arguments and no result adds no stack entry and no branch target: the frames
    // and the maximum stack size stay valid, so they are copied, not recomputed.
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            // a constructor gets no check at its entry, before its super() call
            return mv == null ? null : new Checks(mv, !name.equals("<init>"));
          }
        },
        0);
    return writer.toByteArray();
  }

  /** Adds the calls to one method: at its entry and before each jump to an earlier label. */
  private static final class Checks extends MethodVisitor {
    private final java.util.Set<Label> seen = new java.util.HashSet<>();
    private final boolean atEntry;

    Checks(MethodVisitor next, boolean atEntry) {
      super(Opcodes.ASM9, next);
      this.atEntry = atEntry;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      if (atEntry) {
        check();
      }
    }

    @Override
    public void visitLabel(Label label) {
      seen.add(label);
      super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      if (seen.contains(label)) {
        check();
      }
      super.visitJumpInsn(opcode, label);
    }

    private void check() {
      super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "check", "()V", false);
    }
  }
}
