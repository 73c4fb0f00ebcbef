package org.mnist1d.workbench.nn;

import ai.djl.ndarray.types.Shape;

/**
 * One parameter tensor of a model: its name, shape, and the bound of PyTorch's default uniform
 * initialisation ({@code 1/sqrt(fan_in)} for Linear and Conv1d, {@code 1/sqrt(hidden)} for GRU).
 */
public record ParameterSpec(String name, Shape shape, double initBound) {}
