package dev.drover.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void rejectsBlankOverlongAndControlCharacters() {
        assertThatThrownBy(() -> ObjectKey.of(" ", "x")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ObjectKey.of("Kind", "")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ObjectKey.of("Kind", "a".repeat(254))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ObjectKey.of("Kind", "line\nbreak")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> new ObjectKey("Kind", "ns\u0000", "x")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void ordersByKindNamespaceName() {
        assertThat(new ObjectKey("A", "b", "c")).isLessThan(new ObjectKey("A", "b", "d")).isLessThan(new ObjectKey("B", "", "a"));
        assertThat(new ObjectKey("K", "ns", "n")).hasToString("K/ns/n");
        assertThat(ObjectKey.of("K", "n")).hasToString("K/n");
    }
}
