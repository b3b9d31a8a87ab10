package dev.drover.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));

    @Test
    void verifiesTheRightPasswordOnly() {
        String phc = hasher.hash("correct horse battery".toCharArray());
        assertThat(phc).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("correct horse batterY".toCharArray(), phc)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password".toCharArray())).isNotEqualTo(hasher.hash("same password".toCharArray()));
    }

    @Test
    void malformedOrTamperedHashesNeverMatch() {
        String phc = hasher.hash("pw-123456789".toCharArray());
        String tampered = phc.substring(0, phc.length() - 2) + (phc.endsWith("A") ? "BB" : "AA");
        assertThat(hasher.verify("pw-123456789".toCharArray(), tampered)).isFalse();
        assertThat(hasher.verify("pw-123456789".toCharArray(), "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
        assertThat(hasher.verify("pw-123456789".toCharArray(), "not a hash")).isFalse();
        assertThat(hasher.verify("pw-123456789".toCharArray(), null)).isFalse();
        // a hash whose cost would exhaust the server is refused, not computed
        assertThat(hasher.verify("x".toCharArray(), "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isFalse();
    }

    @Test
    void weakerStoredParametersAskForARehash() {
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Cost(2048, 2, 1));
        String weak = hasher.hash("pw-123456789".toCharArray());
        assertThat(stronger.needsRehash(weak)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw-123456789".toCharArray()))).isFalse();
        assertThat(stronger.verify("pw-123456789".toCharArray(), weak)).isTrue();
    }
}
