package dev.drover.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real slapd started for this class. */
class LdapAuthenticatorTest {

    @TempDir
    static Path directory;
    private static SlapdServer slapd;
    private static LdapAuthenticator ldap;

    @BeforeAll
    static void startSlapd() throws Exception {
        slapd = SlapdServer.start(directory);
        ldap = new LdapAuthenticator(slapd.settings());
    }

    @AfterAll
    static void stopSlapd() {
        slapd.close();
    }

    @Test
    void bindsAsTheUserAndCollectsGroups() {
        Principal alice = ldap.authenticate("Alice", SlapdServer.ALICE_PASSWORD.toCharArray());
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.displayName()).isEqualTo("Alice Liddell");
        assertThat(alice.provider()).isEqualTo("ldap");
        assertThat(alice.groups()).containsExactlyInAnyOrder("admins", "devs");
        assertThat(ldap.authenticate("bob", SlapdServer.BOB_PASSWORD.toCharArray()).groups()).containsExactly("devs");
    }

    @Test
    void wrongPasswordUnknownUserAndEmptyPasswordAreAllRejectedAlike() {
        assertThatThrownBy(() -> ldap.authenticate("alice", "nope-nope-nope".toCharArray()))
                .isInstanceOf(AuthenticationException.class).hasMessage("Invalid username or password.");
        assertThatThrownBy(() -> ldap.authenticate("mallory", "whatever-1234".toCharArray()))
                .isInstanceOf(AuthenticationException.class).hasMessage("Invalid username or password.");
        // an empty password would be an unauthenticated bind that LDAP treats as success
        assertThatThrownBy(() -> ldap.authenticate("alice", new char[0])).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void filterInjectionFindsNobody() {
        assertThatThrownBy(() -> ldap.authenticate("*", SlapdServer.ALICE_PASSWORD.toCharArray()))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> ldap.authenticate("alice)(uid=*", SlapdServer.ALICE_PASSWORD.toCharArray()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anAmbiguousLoginIsRefused() {
        assertThatThrownBy(() -> ldap.authenticate("twin", "twin-password-1".toCharArray()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aWrongServiceAccountOrDeadServerIsAClearConfigurationError() {
        LdapSettings s = slapd.settings();
        LdapAuthenticator misconfigured = new LdapAuthenticator(LdapSettings.openLdap(s.url(), s.serviceBindDn(),
                "wrong", s.userSearchBase(), s.groupSearchBase()));
        assertThatThrownBy(() -> misconfigured.authenticate("alice", SlapdServer.ALICE_PASSWORD.toCharArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("service account");
        LdapAuthenticator unreachable = new LdapAuthenticator(LdapSettings.openLdap(URI.create("ldap://127.0.0.1:1"),
                s.serviceBindDn(), s.serviceBindPassword(), s.userSearchBase(), s.groupSearchBase()));
        assertThatThrownBy(() -> unreachable.authenticate("alice", SlapdServer.ALICE_PASSWORD.toCharArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be used");
    }
}
