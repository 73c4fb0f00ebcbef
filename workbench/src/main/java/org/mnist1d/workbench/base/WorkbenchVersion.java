package org.mnist1d.workbench.base;

/** The workbench's version: the jar's implementation version, or "dev" when run from classes. */
public final class WorkbenchVersion {
  private WorkbenchVersion() {}

  /** The workbench version, as written in the jar manifest. */
  public static String get() {
    String v = WorkbenchVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
