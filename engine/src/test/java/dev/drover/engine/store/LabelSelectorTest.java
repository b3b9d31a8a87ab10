package dev.drover.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes label selector semantics, including what happens when a label is missing. */
class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "example.com/tier", "frontend", "empty", "");
    private static final Map<String, String> NONE = Map.of();

    @ParameterizedTest(name = "\"{0}\" on web={1}, on no labels={2}")
    @CsvSource(delimiter = '|', value = {
        "app=web                       | true  | false",
        "app = web                     | true  | false",
        "app==web                      | true  | false",
        "app!=web                      | false | true",
        "app!=db                       | true  | true",
        "empty=                        | true  | false",
        "example.com/tier=frontend     | true  | false",
        "app in (web, api)             | true  | false",
        "app in (db)                   | false | false",
        "app notin (db,api)            | true  | true",
        "app notin (web)               | false | true",
        "app                           | true  | false",
        "!app                          | false | true",
        "! canary                      | true  | true",
        "app=web,app in (web),!canary  | true  | false",
        "app=web,app!=web              | false | false",
    })
    void matchesLikeKubernetes(String selector, boolean onWeb, boolean onNone) {
        LabelSelector parsed = LabelSelector.parse(selector);

        assertThat(parsed.matches(WEB)).as("on web").isEqualTo(onWeb);
        assertThat(parsed.matches(NONE)).as("on no labels").isEqualTo(onNone);
    }

    @Test
    void emptySelectorMatchesEverything() {
        assertThat(LabelSelector.parse(null)).isSameAs(LabelSelector.EVERYTHING);
        assertThat(LabelSelector.parse("  ").isEverything()).isTrue();
        assertThat(LabelSelector.EVERYTHING.matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app").isEverything()).isFalse();
    }

    @Test
    void keepsItsTextForDisplay() {
        assertThat(LabelSelector.parse(" app=web, env in (a,b) ")).hasToString("app=web, env in (a,b)");
    }

    @Test
    void errorsNameTheBadPart() {
        assertThatThrownBy(() -> LabelSelector.parse("app=web,tier=front end"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("tier=front end");
        assertThatThrownBy(() -> LabelSelector.parse("env in (prod, st@ge)"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("st@ge");
    }
}
