/**
 * The workbench's ground floor: the user-error type (one line, exit code 2, no stack trace) and the
 * version. Every other package may use it; it uses nothing of the workbench.
 */
package org.mnist1d.workbench.base;
