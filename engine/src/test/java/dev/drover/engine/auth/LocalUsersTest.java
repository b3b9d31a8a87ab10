package dev.drover.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.User;
import dev.drover.engine.store.ListRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUsersTest {

    @TempDir
    Path directory;
    private AuthFixture auth;

    @BeforeEach
    void open() {
        auth = new AuthFixture(directory);
    }

    @AfterEach
    void close() {
        auth.close();
    }

    @Test
    void passwordsAreStoredOnlyAsArgon2Hashes() {
        // when
        auth.users.create("Alice", "Alice A.", "s3cret-password-1".toCharArray(), false);
        // then
        String body = auth.store.list(ListRequest.all(User.KIND)).items().getFirst().body();
        assertThat(body).doesNotContain("s3cret-password-1").contains("$argon2id$");
        assertThat(auth.users.find("alice")).get().extracting(User::username).isEqualTo("alice");
    }

    @Test
    void authenticatesOnlyTheRightPasswordOfAnEnabledUser() {
        auth.users.create("bob", null, "bobs-password-12".toCharArray(), false);
        assertThat(auth.users.authenticate("BOB", "bobs-password-12".toCharArray()).username()).isEqualTo("bob");
        assertThatThrownBy(() -> auth.users.authenticate("bob", "wrong-password-1".toCharArray()))
                .isInstanceOf(AuthenticationException.class).hasMessage("Invalid username or password.");
        assertThatThrownBy(() -> auth.users.authenticate("nobody", "bobs-password-12".toCharArray()))
                .isInstanceOf(AuthenticationException.class).hasMessage("Invalid username or password.");
        auth.users.setEnabled("bob", false);
        assertThatThrownBy(() -> auth.users.authenticate("bob", "bobs-password-12".toCharArray()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void rejectsBadInputNamingTheField() {
        assertThatThrownBy(() -> auth.users.create("bad name", null, "long-enough-pw".toCharArray(), false))
                .hasMessageStartingWith("username:");
        assertThatThrownBy(() -> auth.users.create("carol", null, "short".toCharArray(), false))
                .hasMessageStartingWith("password: at least 12");
        auth.users.create("carol", null, "long-enough-pw".toCharArray(), false);
        assertThatThrownBy(() -> auth.users.create("Carol", null, "long-enough-pw".toCharArray(), false))
                .hasMessageContaining("is taken");
    }

    @Test
    void bootstrapsOneAdminOnlyOnTheFirstStart() {
        // when
        char[] password = auth.users.bootstrapAdmin().orElseThrow();
        // then
        assertThat(password).hasSizeGreaterThanOrEqualTo(LocalUsers.MIN_PASSWORD_LENGTH);
        Principal admin = auth.users.authenticate("admin", password);
        assertThat(admin.admin()).isTrue();
        assertThat(auth.users.bootstrapAdmin()).isEmpty();
    }
}
