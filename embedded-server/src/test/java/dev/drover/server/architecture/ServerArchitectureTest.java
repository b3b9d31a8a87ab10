package dev.drover.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** embedded-server's module rules (STYLE.md): a headless server that reaches agents only over the wire. */
@AnalyzeClasses(packages = "dev.drover.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule serverIsHeadless = noClasses().that().resideInAPackage("dev.drover.server..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.drover.app..")
            .because("the server runs without a display; only the app module knows JavaFX");

    @ArchTest
    static final ArchRule serverNeverLinksTheAgents = noClasses().that().resideInAPackage("dev.drover.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.drover.agents..")
            .because("agents are separate processes; the server and they share only dev.drover.tunnel.protocol");
}
