/**
 * Benchmark workloads and their timing: the {@link org.mnist1d.workbench.bench.BenchWorkload}
 * contract, the suites registered by {@link java.util.ServiceLoader} (each stage brings its own),
 * and the harness that times them. May use {@code base} and the dataset library.
 */
package org.mnist1d.workbench.bench;
