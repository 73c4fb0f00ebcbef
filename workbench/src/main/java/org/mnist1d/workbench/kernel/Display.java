package org.mnist1d.workbench.kernel;

import java.util.Map;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mnist1d.workbench.figures.ChartImages;

/**
 * Rich output from notebook cells: {@code display(x)} shows text, HTML, PNG or SVG under the cell.
 *
 * <p>In the workbench kernel these are imported into every cell. The same calls work under JJava
 * and IJava (import them there with {@code import static org.mnist1d.workbench.kernel.Display.*;})
 * because the output goes to whichever kernel runs the notebook: one built on jjava-jupyter (this
 * one, JJava) through its notebook kernel, IJava through its kernel instance, found by name. With
 * no kernel at all (a plain JVM, a test) the text form is printed on standard output.
 */
public final class Display {
  private Display() {}

  private static volatile Consumer<MimeBundle> override;

  /**
   * Shows {@code value} under the cell: see {@link MimeBundle#of(Object)} for how each type looks.
   */
  public static void display(Object value) {
    route().accept(MimeBundle.of(value));
  }

  /** HTML, e.g. {@code display(html("<b>bold</b>"))}. */
  public static MimeBundle html(String html) {
    return MimeBundle.html(html, html.replaceAll("<[^>]*>", ""));
  }

  /** Plain text. */
  public static MimeBundle text(String text) {
    return MimeBundle.text(text);
  }

  /** Markdown. */
  public static MimeBundle markdown(String markdown) {
    return MimeBundle.markdown(markdown);
  }

  /** A PNG image from its bytes. */
  public static MimeBundle png(byte[] png) {
    return MimeBundle.png(png);
  }

  /** A GIF image (an animation) from its bytes. */
  public static MimeBundle gif(byte[] gif) {
    return MimeBundle.gif(gif);
  }

  /** An SVG image from its XML. */
  public static MimeBundle svg(String svg) {
    return MimeBundle.svg(svg);
  }

  /** An XChart chart as PNG (what {@code display(chart)} shows). */
  public static MimeBundle png(Chart<?, ?> chart) {
    return MimeBundle.png(ChartImages.png(chart));
  }

  /** An XChart chart as SVG: sharp at any zoom, larger in the notebook file. */
  public static MimeBundle svg(Chart<?, ?> chart) {
    return MimeBundle.svg(ChartImages.svg(chart));
  }

  /**
   * Sends every display to {@code sink} instead of a kernel (null restores the default); for tests.
   */
  public static void routeTo(Consumer<MimeBundle> sink) {
    override = sink;
  }

  /** Where a display goes now: the override, the running kernel, or standard output. */
  static Consumer<MimeBundle> route() {
    Consumer<MimeBundle> o = override;
    if (o != null) {
      return o;
    }
    Consumer<MimeBundle> jjava = jjavaKernel();
    if (jjava != null) {
      return jjava;
    }
    Consumer<MimeBundle> ijava = ijavaKernel();
    if (ijava != null) {
      return ijava;
    }
    return b -> System.out.println(b.data().get(MimeBundle.TEXT));
  }

  /** The same bundle as jjava-jupyter display data. */
  static DisplayData toDisplayData(MimeBundle bundle) {
    DisplayData d = new DisplayData();
    for (Map.Entry<String, String> e : bundle.data().entrySet()) {
      d.putData(e.getKey(), e.getValue());
    }
    return d;
  }

  private static Consumer<MimeBundle> jjavaKernel() {
    try {
      BaseKernel kernel = BaseKernel.notebookKernel();
      return b -> kernel.display(toDisplayData(b));
    } catch (NullPointerException | LinkageError e) {
      return null; // no jjava-jupyter kernel in this JVM
    }
  }

  private static Consumer<MimeBundle> ijavaKernel() {
    try {
      ClassLoader loader = Display.class.getClassLoader();
      Object kernel =
          Class.forName("io.github.spencerpark.ijava.IJava", true, loader)
              .getMethod("getKernelInstance")
              .invoke(null);
      if (kernel == null) {
        return null;
      }
      Class<?> dataClass =
          Class.forName("io.github.spencerpark.jupyter.kernel.display.DisplayData", true, loader);
      var put = dataClass.getMethod("putData", String.class, Object.class);
      var show = kernel.getClass().getMethod("display", dataClass);
      return b -> {
        try {
          // IJava's DisplayData has no empty constructor: it starts from the text/plain form.
          Object data =
              dataClass.getConstructor(String.class).newInstance(b.data().get(MimeBundle.TEXT));
          for (Map.Entry<String, String> e : b.data().entrySet()) {
            put.invoke(data, e.getKey(), e.getValue());
          }
          show.invoke(kernel, data);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("IJava refused the display: " + e, e);
        }
      };
    } catch (ReflectiveOperationException | LinkageError e) {
      return null; // not running under IJava
    }
  }
}
