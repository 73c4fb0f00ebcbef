/**
 * Probes that measure how much class information a set of features holds: k-nearest-neighbour
 * classification (Euclidean or cosine), a multinomial logistic-regression probe with scikit-learn's
 * objective, the standard scaler that precedes it, and the L-BFGS minimiser that fits it. They
 * reproduce the upstream self-supervised-learning notebook's {@code
 * KNeighborsClassifier(n_neighbors=10)} and {@code make_pipeline(StandardScaler(),
 * LogisticRegression(tol=1e-2, max_iter=1000))}, and are tested against scikit-learn 1.2.1.
 *
 * <p>Inputs are plain {@code double[][]} features (one row per example) and {@code int[]} labels;
 * results are records and arrays. The package uses the JDK only: no engine, no other workbench
 * package, so notebooks can apply it to any features. Everything is single-threaded and
 * deterministic: the same inputs give bitwise the same outputs.
 */
package org.mnist1d.workbench.probe;
