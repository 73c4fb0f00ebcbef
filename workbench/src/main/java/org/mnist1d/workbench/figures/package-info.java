/**
 * Figures: the one figure style every chart uses ({@link
 * org.mnist1d.workbench.figures.FigureStyle}), line charts, matplotlib-like line styles, MNIST-1D
 * signals drawn as in the paper, t-SNE scatter figures, the dataset-construction figure (from the
 * generator's own transform), and charts encoded as PNG, SVG or an animated GIF (XChart and the
 * JDK, headless). May use {@code base} and the dataset library.
 */
package org.mnist1d.workbench.figures;
