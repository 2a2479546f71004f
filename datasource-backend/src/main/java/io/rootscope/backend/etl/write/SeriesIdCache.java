package io.rootscope.backend.etl.write;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of pushed series already stored, by {@link SeriesKey} (tenant and identity), so a push of known series skips
 * their lookup: a series' id never changes once committed. Bounded: past {@code capacity} entries the
 * least recently used is dropped (and looked up again when pushed again).
 */
final class SeriesIdCache {

    private final Map<SeriesKey, Long> ids;

    SeriesIdCache(int capacity) {
        ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SeriesKey, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Fills {@code ids} with the id of each key known (aligned); @return the indexes of the keys not known, ascending */
    synchronized int[] get(SeriesKey[] keys, long[] ids) {
        int[] unknown = new int[keys.length];
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            Long id = this.ids.get(keys[i]);
            if (id == null) {
                unknown[count++] = i;
            } else {
                ids[i] = id;
            }
        }
        return Arrays.copyOf(unknown, count);
    }

    synchronized void putAll(Map<SeriesKey, Long> committed) {
        ids.putAll(committed);
    }
}
