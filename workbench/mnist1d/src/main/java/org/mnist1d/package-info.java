/**
 * MNIST-1D, generated exactly as the Python reference ({@code mnist1d}, greydanus/mnist1d) does:
 * the templates, the transforms, NumPy's legacy random stream, the arguments with their checks, and
 * the fixed permutations of positions the notebooks use.
 *
 * <p>Uses the JDK only. Three lines:
 *
 * <pre>{@code
 * Mnist1dArgs args = Mnist1dArgs.defaults().with(Map.of("num_samples", 10000));
 * Mnist1dData data = Mnist1d.generate(args);
 * double[][] x = data.x(); int[] y = data.y();  // 8000 x 40 and their labels
 * }</pre>
 */
package org.mnist1d;
