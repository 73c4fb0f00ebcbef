package org.mnist1d.workbench.embedding;

import java.util.List;

/**
 * The result of a t-SNE run.
 *
 * @param y the layout, one row of {@code dimensions} coordinates per point (mean zero)
 * @param klDivergence the exact KL(P || Q) of {@code y}
 * @param earlyKlDivergence the exact KL(P || Q) at the end of the early-exaggeration phase (against
 *     the unexaggerated P; the start's if there is no such phase)
 * @param trace the KL checkpoints in order, the last one being the final layout's
 */
public record Embedding(
    double[][] y, double klDivergence, double earlyKlDivergence, List<KlCheckpoint> trace) {}
