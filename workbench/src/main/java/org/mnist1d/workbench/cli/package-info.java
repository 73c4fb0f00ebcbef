/**
 * The {@code workbench} command line (picocli): thin commands that parse, call the layers below and
 * print. May use every package except the experiments themselves.
 */
package org.mnist1d.workbench.cli;
