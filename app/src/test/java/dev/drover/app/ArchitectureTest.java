package dev.drover.app;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.drover.engine.api.ManagementApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's dependency rules (see STYLE.md), checked on the production classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.drover.app");
    }

    @Test
    void app_depends_on_the_engine_only_through_its_api() {
        // given
        ArchRule rule = noClasses().that().resideInAPackage("dev.drover.app..")
                .should().dependOnClassesThat(resideInAPackage("dev.drover.engine..")
                        .and(resideInAPackage("dev.drover.engine.api..").negate()))
                .as("classes in dev.drover.app.. depend on dev.drover.engine.. only through dev.drover.engine.api..");

        // when / then
        rule.check(classes);
    }

    @Test
    void only_view_models_and_the_wiring_call_the_engine() {
        // given
        ArchRule rule = noClasses().that().haveSimpleNameNotEndingWith("ViewModel")
                .and().doNotHaveFullyQualifiedName(ConsoleApp.class.getName())
                .should().callMethodWhere(target(owner(assignableTo(ManagementApi.class))))
                .as("only ViewModels (and ConsoleApp, which opens and closes it) call ManagementApi");

        // when / then
        rule.check(classes);
    }

    @Test
    void views_know_nothing_of_the_engine() {
        // given
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("View")
                .should().dependOnClassesThat().resideInAPackage("dev.drover.engine..");

        // when / then
        rule.check(classes);
    }

    @Test
    void no_class_is_a_controller() {
        // given
        ArchRule rule = noClasses().should().haveSimpleNameEndingWith("Controller")
                .because("code-behind is a *View paired with a *ViewModel (STYLE.md)");

        // when / then
        rule.check(classes);
    }
}
