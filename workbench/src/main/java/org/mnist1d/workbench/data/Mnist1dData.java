package org.mnist1d.workbench.data;

/** A generated MNIST-1D dataset: train and test inputs (rows of positions), labels, time axis. */
public record Mnist1dData(double[][] x, int[] y, double[][] xTest, int[] yTest, double[] t) {}
