/**
 * Reports described in YAML: run directories loaded into Tablesaw tables (select, filter, group,
 * aggregate, pivot, sort) and charts, written as HTML, Markdown and CSV. May use {@code base},
 * {@code figures}, {@code config} and the experiment contract.
 */
package org.mnist1d.workbench.report;
