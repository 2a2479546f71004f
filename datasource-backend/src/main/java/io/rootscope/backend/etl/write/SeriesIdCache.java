package io.rootscope.backend.etl.write;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of pushed series already stored, by tenant and identity (name and labels), so a push of known series skips
 * their lookup: a series' id never changes once committed. Bounded: past {@code capacity} entries the least recently
 * used is dropped (and looked up again when pushed again).
 */
final class SeriesIdCache {

    private final Map<String, Long> ids;

    SeriesIdCache(int capacity) {
        ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    static String key(long tenantId, String name, String labelsJson) {
        return tenantId + "\u0000" + name + "\u0000" + labelsJson;
    }

    synchronized Long get(String key) {
        return ids.get(key);
    }

    synchronized void put(String key, long id) {
        ids.put(key, id);
    }
}
