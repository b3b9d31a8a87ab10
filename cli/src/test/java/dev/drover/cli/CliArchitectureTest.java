package dev.drover.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The launcher only hands over: of the console it uses the entry point and the remembered-servers settings,
 * of the server and the agents only their mains, and never JavaFX itself (STYLE.md: one wiring place per entry point).
 */
@AnalyzeClasses(packages = "dev.drover", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    private static final Set<String> ENTRY_POINTS = Set.of("dev.drover.app.Main", "dev.drover.app.connect.ConsoleSettings",
            "dev.drover.app.connect.RememberedServer", "dev.drover.server.ServerMain", "dev.drover.agents.ClusterAgentMain",
            "dev.drover.agents.NodeAgentMain");

    @ArchTest
    static final ArchRule cliUsesOnlyEntryPointsOfConsoleServerAndAgents = noClasses().that().resideInAPackage("dev.drover.cli..")
            .should().dependOnClassesThat(DescribedPredicate.describe("console, server or agent internals",
                    (JavaClass c) -> (c.getPackageName().startsWith("dev.drover.app") || c.getPackageName().startsWith("dev.drover.server")
                            || c.getPackageName().startsWith("dev.drover.agents") || c.getPackageName().startsWith("javafx"))
                            && !ENTRY_POINTS.contains(c.getName())))
            .because("each subcommand hands over to its module's entry point instead of re-wiring it");
}
