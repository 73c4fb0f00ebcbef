/**
 * {@code lottery} and {@code lottery-ablations}: lottery tickets on MNIST-1D. {@code lottery} runs
 * one chain of iterative magnitude (or random) pruning of the 40-500-500-10 residual MLP, rewinding
 * to the original initialisation each round, and writes every round's masks; {@code
 * lottery-ablations} reads the masks of finished chains from their run directories, retrains dense,
 * lottery and random networks on a new dataset under input transforms, analyses the masks and draws
 * the published figures beside the published numbers.
 */
package org.mnist1d.workbench.experiments.lottery;
