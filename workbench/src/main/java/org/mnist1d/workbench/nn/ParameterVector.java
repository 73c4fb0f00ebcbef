package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's parameters laid end to end in one flat vector (row-major, in the model's order), like
 * PyTorch's {@code parameters_to_vector}: where each tensor sits, and the views that turn the
 * vector back into the model's tensors.
 *
 * <p>Why: a training step on one flat leaf accumulates every gradient into one buffer (the views'
 * backward is one concatenation), so the optimiser updates all parameters with one fused call
 * instead of one call, a dozen small kernels and a gradient reset per tensor.
 */
public final class ParameterVector {
  private final List<Shape> shapes;
  private final long[] splitPoints;
  private final long size;

  private ParameterVector(List<Shape> shapes) {
    this.shapes = List.copyOf(shapes);
    this.splitPoints = new long[shapes.size() - 1];
    long offset = 0;
    for (int i = 0; i < shapes.size(); i++) {
      offset += shapes.get(i).size();
      if (i < splitPoints.length) {
        splitPoints[i] = offset;
      }
    }
    this.size = offset;
  }

  /** The layout of {@code model}'s parameters. */
  public static ParameterVector of(Model model) {
    return of(model.parameters());
  }

  /** The layout of parameters {@code specs}, in order. */
  public static ParameterVector of(List<ParameterSpec> specs) {
    return new ParameterVector(specs.stream().map(ParameterSpec::shape).toList());
  }

  /** Number of scalars in the vector. */
  public long size() {
    return size;
  }

  /** The vector's shape, {@code (size)}. */
  public Shape shape() {
    return new Shape(size);
  }

  /** Number of parameter tensors. */
  public int count() {
    return shapes.size();
  }

  /** Flat values laid end to end (one per parameter, each row-major, in order). */
  public double[] concat(List<double[]> values) {
    if (values.size() != shapes.size()) {
      throw new IllegalArgumentException(
          "expected " + shapes.size() + " parameter arrays, got " + values.size());
    }
    double[] flat = new double[Math.toIntExact(size)];
    int offset = 0;
    for (int i = 0; i < values.size(); i++) {
      double[] v = values.get(i);
      if (v.length != shapes.get(i).size()) {
        throw new IllegalArgumentException(
            "parameter " + i + ": expected " + shapes.get(i).size() + " values, got " + v.length);
      }
      System.arraycopy(v, 0, flat, offset, v.length);
      offset += v.length;
    }
    return flat;
  }

  /** The inverse of {@link #concat}: one flat array per parameter. */
  public List<double[]> split(double[] flat) {
    List<double[]> out = new ArrayList<>();
    int offset = 0;
    for (Shape s : shapes) {
      int n = Math.toIntExact(s.size());
      double[] v = new double[n];
      System.arraycopy(flat, offset, v, 0, n);
      out.add(v);
      offset += n;
    }
    return out;
  }

  /**
   * The parameters as views of {@code vector}, in the model's shapes: one split and a reshape per
   * tensor of more than one dimension. Computed inside a gradient collector they are
   * differentiable, and their gradients gather in {@code vector}'s gradient.
   */
  public NDList views(NDArray vector) {
    NDList parts = splitPoints.length == 0 ? new NDList(vector) : vector.split(splitPoints, 0);
    NDList out = new NDList(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      NDArray part = parts.get(i);
      out.add(shapes.get(i).dimension() == 1 ? part : part.reshape(shapes.get(i)));
    }
    return out;
  }
}
