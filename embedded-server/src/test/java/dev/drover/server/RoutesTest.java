package dev.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.authproxy.AuthProxy;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The plain prefix that lets {@link Routes} skip a row without running its regex must never be longer than the regex allows. */
class RoutesTest {

    @Test
    void aQuotedPrefixIsTakenWhole() {
        // given / when / then
        assertThat(Routes.literalPrefix(AuthProxyRoute.PATH)).isEqualTo(AuthProxy.PREFIX);
        assertThat(Routes.literalPrefix(Pattern.quote("/v1/clusters") + "/([^/]+)")).isEqualTo("/v1/clusters");
    }

    @Test
    void aPlainPrefixStopsAtTheFirstRegexCharacter() {
        // given / when / then
        assertThat(Routes.literalPrefix("/v3/import/([a-z0-9.]{1,100})\\.yaml")).isEqualTo("/v3/import/");
        assertThat(Routes.literalPrefix("/healthz")).isEqualTo("/healthz");
        assertThat(Routes.literalPrefix("/a.b")).isEqualTo("/a");
    }

    @Test
    void aQuantifiedLastCharacterIsLeftOut() {
        // given / when / then: "/apis?" also matches "/api"
        assertThat(Routes.literalPrefix("/apis?/x")).isEqualTo("/api");
        assertThat(Routes.literalPrefix(Pattern.quote("/ab") + "*")).isEqualTo("/a");
        assertThat("/api/x").startsWith(Routes.literalPrefix("/apis?/x"));
    }

    @Test
    void aTopLevelAlternationLeavesNoPrefix() {
        // given / when / then: "/a|/b" matches "/b" too; an alternation inside a group does not widen the start
        assertThat(Routes.literalPrefix("/a|/b")).isEmpty();
        assertThat(Routes.literalPrefix(Pattern.quote("/x") + "|/y")).isEmpty();
        assertThat(Routes.literalPrefix("/x/(a|b)")).isEqualTo("/x/");
        assertThat(Routes.literalPrefix("/x/[|](a)")).isEqualTo("/x/");
    }
}
