/**
 * Image datasets in MNIST's IDX format (MNIST, Fashion-MNIST): one file of images and one of labels
 * per split, optionally gzip-compressed, read into plain arrays for the t-SNE comparison with
 * MNIST-1D. JDK only; experiments and the kernel may use it.
 */
package org.mnist1d.workbench.idx;
