package org.mnist1d.workbench;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the workbench, from the ground up, and what each may use (README, "Layout"). A
 * layer may use the layers listed for it and the dataset library ({@code org.mnist1d}); anything
 * else fails here, and so does any package cycle.
 */
class ArchitectureTest {
  private static JavaClasses workbench;

  @BeforeAll
  static void importClasses() {
    workbench =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mnist1d.workbench");
  }

  @Test
  void layersUseOnlyTheLayersBelowThem() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("org.mnist1d.workbench..")
        .layer("base")
        .definedBy("..workbench.base..")
        .layer("bench")
        .definedBy("..workbench.bench..")
        .layer("figures")
        .definedBy("..workbench.figures..")
        .layer("embedding")
        .definedBy("..workbench.embedding..")
        .layer("idx")
        .definedBy("..workbench.idx..")
        .layer("nn")
        .definedBy("..workbench.nn..")
        .layer("train")
        .definedBy("..workbench.train..")
        .layer("metagrad")
        .definedBy("..workbench.metagrad..")
        .layer("probe")
        .definedBy("..workbench.probe..")
        .layer("experiment api")
        .definedBy("..workbench.experiment..")
        .layer("experiments")
        .definedBy("..workbench.experiments..")
        .layer("config")
        .definedBy("..workbench.config..")
        .layer("report")
        .definedBy("..workbench.report..")
        .layer("run")
        .definedBy("..workbench.run..")
        .layer("sweep")
        .definedBy("..workbench.sweep..")
        .layer("slurm")
        .definedBy("..workbench.slurm..")
        .layer("cli")
        .definedBy("..workbench.cli..")
        .layer("kernel")
        .definedBy("..workbench.kernel..")
        .whereLayer("base")
        .mayNotAccessAnyLayer()
        .whereLayer("bench")
        .mayOnlyAccessLayers("base")
        .whereLayer("figures")
        .mayOnlyAccessLayers("base")
        .whereLayer("embedding")
        .mayNotAccessAnyLayer()
        .whereLayer("idx")
        .mayNotAccessAnyLayer()
        .whereLayer("nn")
        .mayOnlyAccessLayers("base")
        .whereLayer("train")
        .mayOnlyAccessLayers("base", "bench", "nn")
        .whereLayer("metagrad")
        .mayOnlyAccessLayers("base", "nn")
        .whereLayer("probe")
        .mayNotAccessAnyLayer()
        .whereLayer("experiment api")
        .mayOnlyAccessLayers("base")
        .whereLayer("experiments")
        .mayOnlyAccessLayers(
            "base",
            "bench",
            "figures",
            "embedding",
            "idx",
            "nn",
            "train",
            "metagrad",
            "probe",
            "experiment api")
        .whereLayer("config")
        .mayOnlyAccessLayers("base", "experiment api")
        .whereLayer("report")
        .mayOnlyAccessLayers("base", "figures", "experiment api", "config")
        .whereLayer("run")
        .mayOnlyAccessLayers("base", "nn", "experiment api", "config", "report")
        .whereLayer("sweep")
        .mayOnlyAccessLayers("base", "experiment api", "config", "report", "run")
        .whereLayer("slurm")
        .mayOnlyAccessLayers("base", "run", "sweep")
        .whereLayer("kernel")
        .mayOnlyAccessLayers(
            "base", "figures", "probe", "experiment api", "config", "report", "run", "sweep")
        .whereLayer("cli")
        .mayOnlyAccessLayers(
            "base",
            "bench",
            "figures",
            "nn",
            "experiment api",
            "config",
            "report",
            "run",
            "sweep",
            "slurm",
            "kernel")
        .check(workbench);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.mnist1d.workbench.(**)").should().beFreeOfCycles().check(workbench);
  }

  @Test
  void experimentsAreIndependentOfEachOther() {
    slices()
        .matching("org.mnist1d.workbench.experiments.(*)..")
        .should()
        .notDependOnEachOther()
        .because("each experiment is one package that can be read, changed or removed alone")
        .check(workbench);
  }

  @Test
  void everyPackageSaysWhatItHolds() {
    workbench.stream()
        .map(c -> c.getPackageName())
        .distinct()
        .forEach(
            p -> {
              if (workbench.stream().noneMatch(c -> c.getName().equals(p + ".package-info"))) {
                throw new AssertionError(p + " has no package-info.java");
              }
            });
  }
}
