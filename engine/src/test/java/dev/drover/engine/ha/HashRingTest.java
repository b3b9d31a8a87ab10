package dev.drover.engine.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {

    private static final List<String> CLUSTERS = IntStream.range(0, 3000).mapToObj(i -> "c-" + i).toList();

    @Test
    void spreadsClustersEvenly() {
        // when
        Map<String, Integer> load = new HashMap<>();
        CLUSTERS.forEach(id -> load.merge(HashRing.owner(List.of("a", "b", "c"), id).orElseThrow(), 1, Integer::sum));

        // then: each of three gets a third, within 10 %
        assertThat(load.values()).allSatisfy(count -> assertThat(count).isBetween(900, 1100));
    }

    @Test
    void whenAReplicaLeavesOnlyItsClustersMove() {
        for (String id : CLUSTERS) {
            String before = HashRing.owner(List.of("a", "b", "c"), id).orElseThrow();
            String after = HashRing.owner(List.of("a", "c"), id).orElseThrow();
            if (!before.equals("b")) {
                assertThat(after).as(id).isEqualTo(before);
            }
        }
    }

    @Test
    void aJoiningReplicaTakesAboutItsShareAndNothingElseMoves() {
        int moved = 0;
        for (String id : CLUSTERS) {
            String before = HashRing.owner(List.of("a", "b", "c"), id).orElseThrow();
            String after = HashRing.owner(List.of("a", "b", "c", "d"), id).orElseThrow();
            if (!after.equals(before)) {
                assertThat(after).isEqualTo("d");
                moved++;
            }
        }
        assertThat(moved).isBetween(600, 900);
    }

    @Test
    void noReplicasNoOwnerAndOrderDoesNotMatter() {
        assertThat(HashRing.owner(List.of(), "c-1")).isEmpty();
        assertThat(HashRing.owner(List.of("x", "y", "z"), "c-1")).isEqualTo(HashRing.owner(List.of("z", "y", "x"), "c-1"));
    }
}
