package dev.drover.app.fx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.collections.ObservableListBase;

/**
 * A filtered, sorted, live list of rows for a virtualised {@code TableView}, built for 100,000 rows
 * receiving thousands of updates a second. Rows are immutable and identified by a key; a batch of
 * changes is applied in place — binary search for the old row, {@code set} when its position holds —
 * and reported to the table as one change, so the table re-renders only its visible cells once per batch.
 * A row changed in place is reported as an <em>update</em> of its position (see {@code applyOne}); hold
 * rows by key ({@link #byKey}), not by reference, to act on their latest state.
 *
 * <p>Why not {@code FilteredList} over {@code SortedList}: each of their changes is its own event, a
 * changed row is a remove plus an add in both, and re-filtering re-sorts. Here every row is kept in order
 * ({@code sorted}), the shown rows are a subsequence of it, and the order is total (ties broken by key),
 * so a row is always found by binary search without an index that insertions would shift.
 *
 * <p>FX thread only (it is the table's items list).
 */
public final class LiveRows<R> extends ObservableListBase<R> {

    /** Past this share of the rows, a batch rebuilds the lists instead of applying changes one by one. */
    private static final int REBUILD_DIVISOR = 8;

    private final Function<R, String> keyOf;
    private final Map<String, R> byKey = new HashMap<>();
    private final Comparator<R> byKeyOrder;
    private ArrayList<R> sorted = new ArrayList<>();
    private ArrayList<R> shown = new ArrayList<>();
    private Comparator<R> order;
    private Predicate<R> filter = row -> true;

    /**
     * @param keyOf        the row's stable, unique key (e.g. {@code cluster/namespace/name})
     * @param initialOrder the order before the user sorts; ties are broken by key
     */
    public LiveRows(Function<R, String> keyOf, Comparator<R> initialOrder) {
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.byKeyOrder = Comparator.comparing(keyOf);
        this.order = total(initialOrder);
    }

    private Comparator<R> total(Comparator<R> userOrder) {
        return userOrder == null ? byKeyOrder : userOrder.thenComparing(byKeyOrder);
    }

    @Override
    public R get(int index) {
        return shown.get(index);
    }

    @Override
    public int size() {
        return shown.size();
    }

    /** Every row, shown or filtered out. */
    public int totalSize() {
        return byKey.size();
    }

    /** The row with this key, shown or not; {@code null} if there is none. */
    public R byKey(String key) {
        return byKey.get(key);
    }

    /**
     * Applies one batch: each entry is a key and its new row, or {@code null} for a removed row. The
     * caller keeps only the last state of each key (e.g. a {@code LinkedHashMap}).
     */
    public void apply(Map<String, R> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() > Math.max(64, byKey.size() / REBUILD_DIVISOR)) {
            batch.forEach((key, row) -> {
                if (row == null) {
                    byKey.remove(key);
                } else {
                    byKey.put(key, row);
                }
            });
            sorted = new ArrayList<>(byKey.values());
            sorted.sort(order);
            refilter();
            return;
        }
        beginChange();
        try {
            batch.forEach(this::applyOne);
        } finally {
            endChange();
        }
    }

    private void applyOne(String key, R row) {
        R old = row == null ? byKey.remove(key) : byKey.put(key, row);
        if (old != null) {
            int at = Collections.binarySearch(sorted, old, order);
            if (row != null && fitsAt(sorted, at, row)) {
                sorted.set(at, row);
            } else {
                sorted.remove(at);
                if (row != null) {
                    sorted.add(insertionPoint(sorted, row), row);
                }
            }
        } else if (row != null) {
            sorted.add(insertionPoint(sorted, row), row);
        }
        boolean wasShown = old != null && filter.test(old);
        boolean isShown = row != null && filter.test(row);
        int at = wasShown ? Collections.binarySearch(shown, old, order) : -1;
        if (wasShown && isShown && fitsAt(shown, at, row)) {
            shown.set(at, row);
            // Reported as an update, not a replacement: TableView's skin treats any replacement as a new
            // list and recreates every visible cell (CSS and all), but reconfigures its cells in place
            // for an update, fetching each visible row again. Listeners that keep removed elements would
            // need the replacement; a table's items list has none.
            nextUpdate(at);
            return;
        }
        if (wasShown) {
            shown.remove(at);
            nextRemove(at, old);
        }
        if (isShown) {
            int to = insertionPoint(shown, row);
            shown.add(to, row);
            nextAdd(to, to + 1);
        }
    }

    /** Whether {@code row} may replace the element at {@code at} without breaking the order. */
    private boolean fitsAt(List<R> list, int at, R row) {
        return (at == 0 || order.compare(list.get(at - 1), row) < 0)
                && (at == list.size() - 1 || order.compare(row, list.get(at + 1)) < 0);
    }

    private int insertionPoint(List<R> list, R row) {
        int found = Collections.binarySearch(list, row, order);
        return found >= 0 ? found : -found - 1;
    }

    /** Re-sorts every row; {@code null} sorts by key. */
    public void setOrder(Comparator<R> userOrder) {
        order = total(userOrder);
        sorted.sort(order);
        refilter();
    }

    /**
     * Shows only matching rows. When the new filter only narrows the old one (the user typed another
     * letter), pass {@code narrows} so only the rows shown now are tested.
     */
    public void setFilter(Predicate<R> matches, boolean narrows) {
        filter = Objects.requireNonNull(matches, "matches");
        if (narrows) {
            ArrayList<R> kept = new ArrayList<>(shown.size());
            for (R row : shown) {
                if (matches.test(row)) {
                    kept.add(row);
                }
            }
            replaceShown(kept);
        } else {
            refilter();
        }
    }

    private void refilter() {
        ArrayList<R> kept = new ArrayList<>();
        for (R row : sorted) {
            if (filter.test(row)) {
                kept.add(row);
            }
        }
        replaceShown(kept);
    }

    /** One change for the table: everything removed, everything added. */
    private void replaceShown(ArrayList<R> next) {
        List<R> previous = shown;
        shown = next;
        beginChange();
        try {
            if (!previous.isEmpty()) {
                nextRemove(0, previous);
            }
            if (!next.isEmpty()) {
                nextAdd(0, next.size());
            }
        } finally {
            endChange();
        }
    }
}
