package dev.switchboard.sender;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The byte budget of a page: a page of any list ends at {@code limit} items or once its items' estimated size
 * reaches {@code switchboard.limits.page-max-bytes}, whichever comes first (then it says there is more). The first
 * item always fits, so paging always moves on.
 */
public final class PageBudget {

    private PageBudget() {}

    /** @return how many of {@code items}, from the start, fit the budget (at least one when there is one) */
    public static <T> int fitting(List<T> items, ToLongFunction<T> bytes, long budget) {
        long used = 0;
        for (int i = 0; i < items.size(); i++) {
            used += bytes.applyAsLong(items.get(i));
            if (used > budget && i > 0) {
                return i;
            }
        }
        return items.size();
    }

    /** What a message costs on the wire, near enough: its content in UTF-8 (up to 4 bytes a char) and its fields. */
    public static long messageBytes(String content) {
        return 400 + (content == null ? 0 : 3L * content.length());
    }
}
