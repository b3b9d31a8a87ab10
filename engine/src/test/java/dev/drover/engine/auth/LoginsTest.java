package dev.drover.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.User;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginsTest {

    @TempDir
    Path directory;
    private AuthFixture auth;
    private SlapdServer slapd;
    private Logins logins;

    @BeforeEach
    void open() throws Exception {
        auth = new AuthFixture(directory.resolve("store"));
        slapd = SlapdServer.start(java.nio.file.Files.createDirectories(directory.resolve("ldap")));
        logins = new Logins(auth.store, List.of(auth.users, new LdapAuthenticator(slapd.settings())), auth.tokens);
    }

    @AfterEach
    void close() {
        slapd.close();
        auth.close();
    }

    @Test
    void anLdapLoginCreatesAnExternalUserAndATokenCarryingItsGroups() {
        // when
        IssuedToken token = logins.login("ldap", "alice", SlapdServer.ALICE_PASSWORD.toCharArray(), TokenRequest.LOGIN);
        // then
        TokenIdentity identity = auth.tokens.authenticate(token.value(), null);
        assertThat(identity.provider()).isEqualTo("ldap");
        assertThat(identity.groups()).containsExactlyInAnyOrder("admins", "devs");
        User user = auth.users.find("alice").orElseThrow();
        assertThat(user.provider()).isEqualTo("ldap");
        assertThat(user.passwordHash()).isEmpty();
        // an external user has no local password to log in with
        assertThatThrownBy(() -> logins.login("local", "alice", SlapdServer.ALICE_PASSWORD.toCharArray(), TokenRequest.LOGIN))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void disablingAnExternalUserStopsItsLoginsAndTokens() {
        IssuedToken token = logins.login("ldap", "bob", SlapdServer.BOB_PASSWORD.toCharArray(), TokenRequest.LOGIN);
        auth.users.setEnabled("bob", false);
        assertThatThrownBy(() -> auth.tokens.authenticate(token.value(), null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> logins.login("ldap", "bob", SlapdServer.BOB_PASSWORD.toCharArray(), TokenRequest.LOGIN))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aLocalUserCannotBeTakenOverThroughLdap() {
        auth.users.create("alice", null, "local-alice-pw-1".toCharArray(), false);
        assertThatThrownBy(() -> logins.login("ldap", "alice", SlapdServer.ALICE_PASSWORD.toCharArray(), TokenRequest.LOGIN))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("belongs to provider local");
        assertThat(logins.login("local", "alice", "local-alice-pw-1".toCharArray(), TokenRequest.LOGIN).value()).startsWith("token-");
    }

    @Test
    void anUnknownProviderIsRejected() {
        assertThatThrownBy(() -> logins.login("github", "alice", "x".toCharArray(), TokenRequest.LOGIN))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("not configured");
    }
}
