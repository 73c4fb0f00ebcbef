/**
 * {@code metalearn-lr}: learning plain SGD's learning rate by exact metagradients through the
 * unrolled inner loop (the published two-trial figure).
 */
package org.mnist1d.workbench.experiments.metalearnlr;
