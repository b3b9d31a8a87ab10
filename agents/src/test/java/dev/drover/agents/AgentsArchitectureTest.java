package dev.drover.agents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Agents use only the tunnel protocol of Drover's own code (STYLE.md). */
@AnalyzeClasses(packages = "dev.drover", importOptions = ImportOption.DoNotIncludeTests.class)
class AgentsArchitectureTest {

    @ArchTest
    static final ArchRule agentsUseOnlyTheProtocol = noClasses().that().resideInAPackage("dev.drover.agents..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.drover.engine..", "dev.drover.app..", "dev.drover.server..", "javafx..")
            .because("an agent runs in a small image that must not carry the engine or the console");
}
