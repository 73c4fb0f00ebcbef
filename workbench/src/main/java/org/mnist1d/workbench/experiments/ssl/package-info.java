/**
 * {@code ssl}: self-supervised learning on MNIST-1D, as the upstream notebook
 * self-supervised-learning.ipynb: SimCLR with the CNN benchmark's convolutions and a projector
 * (standard, none or deep), the notebook's augmentations and its InfoNCE loss, probed every few
 * epochs (kNN on the embedding, a linear probe on the features) and layer by layer at the end,
 * beside the raw-pixel baselines. Uses the {@code probe} package.
 */
package org.mnist1d.workbench.experiments.ssl;
