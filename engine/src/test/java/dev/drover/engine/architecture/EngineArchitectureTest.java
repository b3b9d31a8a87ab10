package dev.drover.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine's module rules (STYLE.md): it stays free of UI and HTTP-server code. */
@AnalyzeClasses(packages = "dev.drover.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    @ArchTest
    static final ArchRule engineNeverUsesJavaFx = noClasses().that().resideInAPackage("dev.drover.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
            .because("the engine runs headless in the server; only the app module knows JavaFX");

    @ArchTest
    static final ArchRule engineNeverServesHttp = noClasses().that().resideInAPackage("dev.drover.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..", "dev.drover.server..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpServer")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpServerOptions")
            .because("binding and serving a port is embedded-server's job; the engine may handle a request or a"
                    + " WebSocket that the server hands it, but never opens a server itself");

    @ArchTest
    static final ArchRule engineNeverUsesTheConsoleOrAgents = noClasses().that().resideInAPackage("dev.drover.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.drover.app..", "dev.drover.agents..");

    @ArchTest
    static final ArchRule modelIsPlainRecords = noClasses().that().resideInAPackage("dev.drover.engine.model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.drover.engine.store..", "dev.drover.engine.api..", "dev.drover.engine.runtime..")
            .because("the model is plain data that every other package may use");

    @ArchTest
    static final ArchRule storeKnowsNoApi = noClasses().that().resideInAPackage("dev.drover.engine.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.drover.engine.api..", "dev.drover.engine.model..")
            .because("the store holds opaque JSON; it must not know the domain");
}
