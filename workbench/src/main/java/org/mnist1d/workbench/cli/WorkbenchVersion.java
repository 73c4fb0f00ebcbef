package org.mnist1d.workbench.cli;

import picocli.CommandLine.IVersionProvider;

/** Version line: the jar's implementation version, falling back to "dev" when run from classes. */
public final class WorkbenchVersion implements IVersionProvider {
  /** The workbench version, as written in the jar manifest. */
  public static String get() {
    String v = WorkbenchVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "mnist1d-workbench " + get(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
