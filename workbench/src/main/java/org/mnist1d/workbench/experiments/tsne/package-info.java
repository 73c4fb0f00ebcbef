/**
 * {@code tsne}: the t-SNE of MNIST-1D's inputs, of a trained classifier's penultimate layer, of
 * features an {@code ssl} run saved, or of an image dataset in MNIST's IDX format, with openTSNE's
 * default schedule (exact gradient), the final KL divergence, a 10-nearest-neighbour accuracy of
 * the embedding, {@code embedding.csv} and the paper's scatter figure; and the bench workload
 * {@code tsne-mnist1d-5000}. Reads other runs' files by their documented formats only.
 */
package org.mnist1d.workbench.experiments.tsne;
