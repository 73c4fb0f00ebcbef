/**
 * {@code metalearn-activation}: learning an activation function (ELU plus a small MLP) by exact
 * metagradients through an unrolled RMSProp loop, the six baselines, and a piecewise-linear fit.
 */
package org.mnist1d.workbench.experiments.metalearnactivation;
