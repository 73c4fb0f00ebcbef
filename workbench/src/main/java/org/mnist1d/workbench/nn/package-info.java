/**
 * Functional models on DJL NDArrays: parameters as explicit arrays, {@code forward(params, x)},
 * PyTorch's default initialisation, the parameters as one flat vector ({@link
 * org.mnist1d.workbench.nn.ParameterVector}), the bidirectional GRU written out for the CPU, a
 * backward seeded with a given gradient, the device choice, scoped managers for flat memory, the
 * one safe way to make constants for differentiable code, and a model's weights as an {@code .npz}
 * file. May use {@code base} and the dataset library's file formats.
 */
package org.mnist1d.workbench.nn;
