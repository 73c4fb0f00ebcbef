/**
 * Functional models on DJL NDArrays: parameters as explicit arrays, {@code forward(params, x)},
 * PyTorch's default initialisation, the device choice, scoped managers for flat memory, and the one
 * safe way to make constants for differentiable code, and a model's weights as an {@code .npz}
 * file. May use {@code base} and the dataset library's file formats.
 */
package org.mnist1d.workbench.nn;
