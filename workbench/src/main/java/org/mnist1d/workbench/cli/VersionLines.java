package org.mnist1d.workbench.cli;

import org.mnist1d.workbench.base.WorkbenchVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code workbench --version}: the workbench version and the Java running it. */
public final class VersionLines implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "mnist1d-workbench " + WorkbenchVersion.get(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
