package org.mnist1d.workbench.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.mnist1d.workbench.base.WorkbenchVersion;

/**
 * The workbench's Jupyter kernel: Java cells run by JShell in this JVM, with the workbench on the
 * class path, IJava's {@code %jars} and {@code %classpath} line magics, {@link Display} for rich
 * output, compile and runtime errors reported as Jupyter errors, completion from JShell.
 */
public final class WorkbenchKernel extends BaseKernel {

  /** The kernelspec name under which Jupyter knows this kernel. */
  public static final String NAME = "mnist1d-workbench";

  /** What every session starts with: JShell's usual imports and the display functions. */
  static final List<String> STARTUP_IMPORTS;

  static {
    List<String> imports = new ArrayList<>(JavaSession.DEFAULT_IMPORTS);
    imports.add("static " + Display.class.getName() + ".*");
    STARTUP_IMPORTS = List.copyOf(imports);
  }

  private final JavaSession session;

  private WorkbenchKernel(
      String name,
      String version,
      HistoryManager history,
      JupyterIO io,
      CommManager comms,
      Renderer renderer,
      MagicsRegistry magics,
      StringStyler errorStyler) {
    super(
        name,
        version,
        new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build(),
        List.of(),
        history,
        io,
        comms,
        renderer,
        null, // magics are run line by line in evalRaw, not transpiled into Java
        magics,
        false,
        errorStyler);
    this.session = new JavaSession(STARTUP_IMPORTS);
  }

  /** A kernel with the {@code %jars} and {@code %classpath} magics, not yet connected. */
  public static WorkbenchKernel create() {
    LineMagic<Void, WorkbenchKernel> jars =
        (k, args) -> {
          ClasspathMagic.jars(args).forEach(k.session::addToClasspath);
          return null;
        };
    LineMagic<Void, WorkbenchKernel> classpath =
        (k, args) -> {
          ClasspathMagic.classpath(args).forEach(k.session::addToClasspath);
          return null;
        };
    return new Builder()
        .name(NAME)
        .version(WorkbenchVersion.get())
        .lineMagic("jars", jars)
        .lineMagic("classpath", classpath)
        .build();
  }

  /** Serves Jupyter on the connection described by {@code connectionFile} until it shuts down. */
  public static void serve(Path connectionFile) throws Exception {
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(connectionFile));
    JupyterConnection connection = new JupyterConnection(props);
    WorkbenchKernel kernel = create();
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }

  /**
   * Runs a cell: code and line magics in order. Returns the last expression's value, or null.
   *
   * @throws CompilationException, EvaluationException, MagicException
   */
  @Override
  public Object evalRaw(String source) {
    Optional<JavaSession.Value> last = Optional.empty();
    for (Cell.Part part : Cell.parse(source).parts()) {
      if (part instanceof Cell.Code code) {
        int line =
            1 + (int) source.substring(0, code.offset()).chars().filter(c -> c == '\n').count();
        last = session.eval(code.source(), line);
      } else if (part instanceof Cell.LineMagic magic) {
        runMagic(magic);
        last = Optional.empty();
      }
    }
    return last.map(JavaSession.Value::value).orElse(null);
  }

  private void runMagic(Cell.LineMagic magic) {
    String where = "line " + magic.line() + ": %" + magic.name();
    if (!magicsRegistry.getLineMagicNames().contains(magic.name())) {
      String known =
          String.join(", %", magicsRegistry.getLineMagicNames().stream().sorted().toList());
      throw new MagicException(
          where + ": unknown line magic (this kernel knows %" + known + ")", null);
    }
    try {
      magicsRegistry.evalLineMagic(this, magic.name(), magic.args());
    } catch (Exception e) {
      throw new MagicException(where + ": " + e.getMessage(), e);
    }
  }

  /** The value shown as a cell's result, through the same rendering as {@code display(...)}. */
  @Override
  public DisplayData eval(String source) {
    Object value = evalRaw(source);
    return value == null ? null : Display.toDisplayData(MimeBundle.of(value));
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    List<String> docs = session.documentation(code, at, extraDetail);
    return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Cell.Code part = codeAt(code, at);
    if (part == null) {
      return null; // in a magic line: nothing to complete
    }
    JavaSession.Completions c = session.complete(part.source(), at - part.offset());
    return new ReplacementOptions(c.texts(), c.from() + part.offset(), c.to() + part.offset());
  }

  private static Cell.Code codeAt(String cell, int at) {
    for (Cell.Part p : Cell.parse(cell).parts()) {
      if (p instanceof Cell.Code c && at >= c.offset() && at <= c.offset() + c.source().length()) {
        return c;
      }
    }
    return null;
  }

  @Override
  public String isComplete(String code) {
    Cell cell = Cell.parse(code);
    Cell.Part last = cell.parts().isEmpty() ? null : cell.parts().get(cell.parts().size() - 1);
    if (!(last instanceof Cell.Code c)) {
      return IS_COMPLETE_YES;
    }
    return switch (session.completeness(c.source())) {
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
      case DEFINITELY_INCOMPLETE -> "    ";
      case CONSIDERED_INCOMPLETE -> IS_COMPLETE_MAYBE;
      case UNKNOWN -> IS_COMPLETE_BAD;
    };
  }

  @Override
  public void interrupt() {
    session.stop();
  }

  @Override
  public List<String> formatError(Throwable e) {
    return Tracebacks.of(e);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    session.close();
    super.onShutdown(isRestarting);
  }

  private static final class Builder extends BaseKernelBuilder<Builder, WorkbenchKernel> {
    @Override
    public WorkbenchKernel build() {
      return new WorkbenchKernel(
          buildName(),
          buildVersion(),
          buildHistoryManager(),
          buildJupyterIO(buildJupyterIOEncoding()),
          buildCommManager(),
          buildRenderer(),
          buildMagicsRegistry(),
          buildErrorStyler());
    }
  }
}
