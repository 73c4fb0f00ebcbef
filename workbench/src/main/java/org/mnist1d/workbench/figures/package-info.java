/**
 * Figures: line charts, MNIST-1D signals drawn as in the paper, and charts encoded as PNG or SVG
 * (XChart, headless). May use {@code base} and the dataset library.
 */
package org.mnist1d.workbench.figures;
