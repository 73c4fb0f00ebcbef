/**
 * The Jupyter kernel: JShell in the kernel's own JVM, one cell thread, rich display of tables,
 * charts and images. May use the packages below the command line, except the experiments.
 */
package org.mnist1d.workbench.kernel;
