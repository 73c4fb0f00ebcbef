/**
 * Sweeps on a Slurm cluster: {@code workbench submit} writes an sbatch array script (one task per
 * sweep point, each a {@code workbench run CONFIG --only i} into the shared runs directory) and a
 * report job that runs after the array, submits both and records them in {@code
 * RUNS_DIR/slurm/<name>-<time>/}; the queue's view of their tasks for {@code workbench status}.
 * Talks to Slurm only through its commands (sbatch, squeue). May use {@code base}, {@code run} and
 * {@code sweep}.
 */
package org.mnist1d.workbench.slurm;
