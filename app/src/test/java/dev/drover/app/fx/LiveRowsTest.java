package dev.drover.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class LiveRowsTest {

    record Row(String key, String name, int restarts) {
    }

    private static final Comparator<Row> BY_RESTARTS = Comparator.comparingInt(Row::restarts);

    @Test
    void random_batches_match_a_plain_filter_and_sort() {
        // given
        Random random = new Random(42);
        LiveRows<Row> rows = new LiveRows<>(Row::key, BY_RESTARTS);
        Map<String, Row> model = new HashMap<>();
        Predicate<Row> hasSeven = row -> row.name().contains("7");
        List<ListChangeListener.Change<? extends Row>> changes = new ArrayList<>();
        rows.addListener((ListChangeListener<Row>) changes::add);

        for (int round = 0; round < 200; round++) {
            // when
            Map<String, Row> batch = new LinkedHashMap<>();
            for (int i = 0; i < random.nextInt(1, 40); i++) {
                String key = "k" + random.nextInt(300);
                Row row = random.nextInt(5) == 0 ? null : new Row(key, "pod-" + random.nextInt(100), random.nextInt(20));
                batch.put(key, row);
            }
            batch.forEach((key, row) -> {
                if (row == null) {
                    model.remove(key);
                } else {
                    model.put(key, row);
                }
            });
            rows.apply(batch);
            if (round == 100) {
                rows.setFilter(hasSeven, true);
            }

            // then
            Predicate<Row> filter = round >= 100 ? hasSeven : row -> true;
            List<Row> expected = model.values().stream().filter(filter)
                    .sorted(BY_RESTARTS.thenComparing(Row::key)).toList();
            assertThat(List.copyOf(rows)).as("round %d", round).isEqualTo(expected);
            assertThat(rows.totalSize()).isEqualTo(model.size());
        }
        assertThat(changes).as("one change event per batch at most").hasSizeLessThanOrEqualTo(201);
    }

    @Test
    void an_update_that_keeps_its_place_is_reported_as_an_update_in_place() {
        // given
        LiveRows<Row> rows = new LiveRows<>(Row::key, null);
        Map<String, Row> initial = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            initial.put("k" + i, new Row("k" + i, "pod", 0));
        }
        rows.apply(initial);
        List<String> seen = new ArrayList<>();
        rows.addListener((ListChangeListener<Row>) change -> {
            while (change.next()) {
                seen.add(change.wasUpdated() ? "updated " + change.getFrom() : change.toString());
            }
        });

        // when
        rows.apply(Map.of("k500", new Row("k500", "pod", 3)));

        // then
        assertThat(seen).containsExactly("updated " + List.copyOf(rows).indexOf(rows.byKey("k500")));
        assertThat(rows.byKey("k500").restarts()).isEqualTo(3);
    }

    @Test
    void widening_the_filter_brings_rows_back_in_order_and_sorting_reorders() {
        // given
        LiveRows<Row> rows = new LiveRows<>(Row::key, null);
        rows.apply(Map.of("a", new Row("a", "web", 2), "b", new Row("b", "db", 1), "c", new Row("c", "web-2", 0)));
        rows.setFilter(row -> row.name().startsWith("web"), false);
        assertThat(List.copyOf(rows)).extracting(Row::key).containsExactly("a", "c");

        // when
        rows.setFilter(row -> true, false);
        rows.setOrder(BY_RESTARTS);

        // then
        assertThat(List.copyOf(rows)).extracting(Row::key).containsExactly("c", "b", "a");
    }
}
