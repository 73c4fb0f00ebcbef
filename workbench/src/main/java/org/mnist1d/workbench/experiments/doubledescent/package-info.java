/**
 * {@code double-descent}: an MLP of growing width and a CNN of growing channel count trained to the
 * end on 4000 examples with (or without) train-label noise (the deep-double-descent notebook). May
 * use {@code base}, {@code bench}, {@code figures}, {@code nn}, {@code train} and the experiment
 * contract.
 */
package org.mnist1d.workbench.experiments.doubledescent;
