/**
 * Embeddings of point clouds for looking at data: exact t-SNE (openTSNE's default schedule with the
 * exact O(N^2) gradient), PCA, perplexity-based affinities and a k-nearest-neighbour measure of how
 * clustered an embedding is.
 *
 * <p>Inputs are plain {@code double[][]} rows (one point per row) and results are plain arrays and
 * records, so the package stands alone: it may use only the JDK. It must not depend on the
 * workbench's dataset, config, run or report classes, nor on DJL (the exact gradient is faster as
 * tight Java loops than as NDArray operations at the sizes it is for, a few thousand points).
 *
 * <p>Everything here is deterministic: there is no random number generator (PCA is computed
 * exactly), and work split over threads is split by whole rows whose results do not depend on which
 * thread computed them, so a result is bit-for-bit the same for any thread count.
 */
package org.mnist1d.workbench.embedding;
