package dev.drover.engine.store;

import static dev.drover.engine.store.ContractFixtures.WIDGET;
import static dev.drover.engine.store.ContractFixtures.body;
import static dev.drover.engine.store.ContractFixtures.create;
import static dev.drover.engine.store.ContractFixtures.gadget;
import static dev.drover.engine.store.ContractFixtures.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lists: filters, label selectors, paging snapshots, compaction; part of {@link ResourceStoreContract}. */
public interface StoreListContract {

    ResourceStore store();

    @Test
    default void listReturnsLiveObjectsOfOneKindOrderedByNamespaceThenName() {
        // given: created out of order, one deleted, one of another kind
        create(store(), widget("b", "y"));
        create(store(), widget("a", "z"));
        StoredObject doomed = create(store(), widget("a", "doomed"));
        create(store(), widget("", "cluster-scoped"));
        create(store(), widget("b", "x"));
        create(store(), gadget("not-a-widget"));
        store().delete(widget("a", "doomed"), doomed.revision());

        // when
        ListResult result = store().list(ListRequest.all(WIDGET));

        // then
        assertThat(result.items()).extracting(StoredObject::key).containsExactly(
                widget("", "cluster-scoped"), widget("a", "z"), widget("b", "x"), widget("b", "y"));
        assertThat(result.revision()).isEqualTo(store().currentRevision());
        assertThat(result.hasMore()).isFalse();
    }

    @Test
    default void listCanBeLimitedToOneNamespace() {
        // given
        create(store(), widget("team-a", "one"));
        create(store(), widget("team-b", "two"));
        create(store(), widget("team-a", "three"));

        // when
        ListResult result = store().list(new ListRequest(WIDGET, "team-a", LabelSelector.EVERYTHING, 0, null));

        // then
        assertThat(result.items()).extracting(StoredObject::key)
                .containsExactly(widget("team-a", "one"), widget("team-a", "three"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''                              | a b c d e",
        "app=web                         | a b e",
        "app==web                        | a b e",
        "app!=web                        | c d",
        "env in (prod, stage)            | a b",
        "env notin (prod,stage)          | c d e",
        "canary                          | b",
        "!canary                         | a c d e",
        "app=web,!canary                 | a e",
        "app=web, env notin (stage),tier | a",
        "app in (web),app!=web           | ''",
    })
    default void labelSelectorsPickMatchingObjects(String selector, String expectedNames) {
        // given
        store().create(widget("a"), Map.of("app", "web", "tier", "frontend", "env", "prod"), body("a", 1));
        store().create(widget("b"), Map.of("app", "web", "tier", "backend", "env", "stage", "canary", "true"), body("b", 1));
        store().create(widget("c"), Map.of("app", "db", "env", "dev"), body("c", 1));
        store().create(widget("d"), Map.of(), body("d", 1));
        store().create(widget("e"), Map.of("app", "web"), body("e", 1));

        // when
        ListResult result = store().list(new ListRequest(WIDGET, null, LabelSelector.parse(selector), 0, null));

        // then
        List<String> expected = expectedNames.isBlank() ? List.of() : Arrays.asList(expectedNames.split(" "));
        assertThat(result.items()).extracting(object -> object.key().name()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app in (web", "=web", "app=we b", "app=web,", "app notin web", "a$b=c", "app=web)"})
    default void malformedSelectorsAreRejected(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    default void pagesTogetherAreOneConsistentSnapshot() {
        // given: 24 objects in 3 namespaces, created in random order
        List<ObjectKey> keys = new ArrayList<>();
        for (String namespace : List.of("ns-a", "ns-b", "ns-c")) {
            for (int i = 0; i < 8; i++) {
                keys.add(widget(namespace, "w-" + i));
            }
        }
        Collections.shuffle(keys, new Random(42));
        keys.forEach(key -> create(store(), key));
        ListResult everything = store().list(ListRequest.all(WIDGET));
        ListRequest paged = new ListRequest(WIDGET, null, LabelSelector.EVERYTHING, 5, null);

        // when: writes land between the first and the second page
        ListResult first = store().list(paged);
        StoredObject changed = store().get(widget("ns-c", "w-3")).orElseThrow();
        store().update(changed.key(), changed.revision(), Map.of(), body("w-3", 2));
        store().delete(widget("ns-b", "w-7"), 0);
        create(store(), widget("ns-c", "zz-new"));
        List<ListResult> pages = new ArrayList<>(List.of(first));
        while (pages.getLast().hasMore()) {
            pages.add(store().list(paged.withContinue(pages.getLast().continueToken())));
        }

        // then: exactly the objects as of the first page, once each, in order
        assertThat(pages).hasSize(5).allSatisfy(page -> assertThat(page.revision()).isEqualTo(first.revision()));
        assertThat(pages.subList(0, 4)).allSatisfy(page -> assertThat(page.items()).hasSize(5));
        assertThat(pages.stream().flatMap(page -> page.items().stream()).toList())
                .containsExactlyElementsOf(everything.items());
        assertThat(everything.items()).hasSize(24).extracting(StoredObject::key).isSorted();
        assertThat(everything.revision()).isEqualTo(first.revision());
    }

    @Test
    default void pagingWorksWithASelector() {
        // given: every third object matches
        for (int i = 0; i < 30; i++) {
            store().create(widget(String.format("w-%02d", i)), Map.of("pick", i % 3 == 0 ? "yes" : "no"), body("w", i));
        }
        ListRequest paged = new ListRequest(WIDGET, null, LabelSelector.parse("pick=yes"), 4, null);

        // when
        List<String> names = new ArrayList<>();
        ListResult page = store().list(paged);
        names.addAll(page.items().stream().map(object -> object.key().name()).toList());
        while (page.hasMore()) {
            page = store().list(paged.withContinue(page.continueToken()));
            names.addAll(page.items().stream().map(object -> object.key().name()).toList());
        }

        // then
        assertThat(names).containsExactly("w-00", "w-03", "w-06", "w-09", "w-12", "w-15", "w-18", "w-21", "w-24", "w-27");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a token!", "djEKMQ", "v1-plain-text"})
    default void malformedContinueTokensAreRejected(String token) {
        // given
        create(store(), widget("w"));

        // when / then
        ListRequest request = new ListRequest(WIDGET, null, LabelSelector.EVERYTHING, 1, token);
        assertThatThrownBy(() -> store().list(request)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    default void continueTokenWithANonNumericRevisionIsRejected() {
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("v1\nlots\n\nw".getBytes(StandardCharsets.UTF_8));
        ListRequest request = new ListRequest(WIDGET, null, LabelSelector.EVERYTHING, 1, token);

        assertThatThrownBy(() -> store().list(request)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    default void continueTokenOlderThanACompactionIsRefused() {
        // given: a first page, then history moves on and is compacted
        for (int i = 0; i < 4; i++) {
            create(store(), widget("w-" + i));
        }
        ListRequest paged = new ListRequest(WIDGET, null, LabelSelector.EVERYTHING, 2, null);
        ListResult first = store().list(paged);
        store().update(widget("w-3"), 0, Map.of(), body("w-3", 2));
        store().compact(store().currentRevision());

        // when / then
        assertThatThrownBy(() -> store().list(paged.withContinue(first.continueToken())))
                .isInstanceOf(RevisionCompactedException.class);
    }

    @Test
    default void compactionKeepsTheCurrentStateOfEveryObject() {
        // given: objects with history, a deletion and a re-creation
        for (int i = 0; i < 5; i++) {
            create(store(), widget("w-" + i));
        }
        store().update(widget("w-1"), 0, Map.of("v", "2"), body("w-1", 2));
        store().update(widget("w-1"), 0, Map.of("v", "3"), body("w-1", 3));
        store().delete(widget("w-2"), 0);
        store().delete(widget("w-4"), 0);
        create(store(), widget("w-4"));
        create(store(), gadget("g"));
        ListResult before = store().list(ListRequest.all(WIDGET));
        long revision = store().currentRevision();

        // when
        store().compact(revision);

        // then
        assertThat(store().compactedRevision()).isEqualTo(revision);
        assertThat(store().currentRevision()).isEqualTo(revision);
        assertThat(store().list(ListRequest.all(WIDGET))).isEqualTo(before);
        for (StoredObject object : before.items()) {
            assertThat(store().get(object.key())).contains(object);
        }
        assertThat(store().get(widget("w-2"))).isEmpty();
        assertThat(store().get(gadget("g"))).isPresent();
    }

    @Test
    default void pagedListsStayExactSnapshotsWhileWritesAndCompactionsRun() throws InterruptedException {
        // given: the state after every revision, recorded by a writer that also compacts as it goes
        Map<Long, List<StoredObject>> stateAt = new ConcurrentHashMap<>();
        for (int i = 0; i < 20; i++) {
            create(store(), widget("w-" + i));
        }
        stateAt.put(store().currentRevision(), store().list(ListRequest.all(WIDGET)).items());
        Thread writer = Thread.ofPlatform().name("contract-compacting-writer").start(() -> {
            Random random = new Random(11);
            for (int i = 0; i < 200; i++) {
                ObjectKey key = widget("w-" + random.nextInt(20));
                StoredObject written = store().get(key).isPresent() && random.nextInt(4) > 0
                        ? store().update(key, 0, Map.of(), body(key.name(), i))
                        : store().get(key).isPresent() ? store().delete(key, 0) : create(store(), key);
                stateAt.put(written.revision(), store().list(ListRequest.all(WIDGET)).items());
                if (i % 2 == 1) {
                    store().compact(store().currentRevision() - 1);
                }
            }
        });

        // when: a reader pages through again and again meanwhile
        List<ListResult> complete = new ArrayList<>();
        int refused = 0;
        ListRequest paged = new ListRequest(WIDGET, null, LabelSelector.EVERYTHING, 3, null);
        while (writer.isAlive()) {
            try {
                List<StoredObject> items = new ArrayList<>();
                ListResult page = store().list(paged);
                items.addAll(page.items());
                while (page.hasMore()) {
                    page = store().list(paged.withContinue(page.continueToken()));
                    items.addAll(page.items());
                }
                complete.add(new ListResult(items, page.revision(), null));
            } catch (RevisionCompactedException e) {
                refused++;
            }
        }
        writer.join();

        // then: every list that completed is exactly the state at its revision; the others said so
        assertThat(complete).as("%d lists refused as compacted", refused).isNotEmpty()
                .allSatisfy(list -> assertThat(list.items()).isEqualTo(stateAt.get(list.revision())));
    }

    @Test
    default void compactingToAnOlderRevisionDoesNothing() {
        // given
        create(store(), widget("a"));
        create(store(), widget("b"));
        store().compact(store().currentRevision());
        long compacted = store().compactedRevision();

        // when
        store().compact(compacted - 1);
        store().compact(compacted);

        // then
        assertThat(store().compactedRevision()).isEqualTo(compacted);
        assertThat(store().list(ListRequest.all(WIDGET)).items()).hasSize(2);
    }
}
