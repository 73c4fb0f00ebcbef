package org.mnist1d.workbench.embedding;

/**
 * The exact KL divergence KL(P || Q) of the layout after {@code iteration} optimisation steps
 * (counted over both phases), always against the unexaggerated P.
 */
public record KlCheckpoint(int iteration, double klDivergence) {}
