package dev.drover.engine.auth;

import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** A real SQLite store with users and tokens, and a clock the test moves. */
final class AuthFixture implements AutoCloseable {

    final SqliteResourceStore store;
    final MovableClock clock = new MovableClock();
    final LocalUsers users;
    final TokenService tokens;

    AuthFixture(Path directory) {
        store = SqliteResourceStore.open(directory);
        users = new LocalUsers(store, new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1)));
        tokens = new TokenService(store, clock, users::find);
    }

    @Override
    public void close() {
        store.close();
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
