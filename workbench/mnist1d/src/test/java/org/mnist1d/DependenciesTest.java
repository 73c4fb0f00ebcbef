package org.mnist1d;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dataset library stands alone: its classes use the JDK and each other, nothing else. */
class DependenciesTest {
  @Test
  void theLibraryUsesOnlyTheJdk() {
    JavaClasses library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mnist1d");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("org.mnist1d..", "java..")
        .because("mnist1d is a dependency-free library, as `pip install mnist1d` is for Python")
        .check(library);
  }
}
