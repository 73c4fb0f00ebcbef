/**
 * Datasets on disk: NumPy {@code .npy}/{@code .npz} and CSV files written atomically, and a
 * checksummed cache of generated datasets. Uses the JDK and {@code org.mnist1d} only.
 */
package org.mnist1d.io;
