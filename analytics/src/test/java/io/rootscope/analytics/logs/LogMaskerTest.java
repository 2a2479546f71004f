package io.rootscope.analytics.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogMaskerTest {

    private final LogMasker masker = new LogMasker();

    @Test
    void masksEachVariableClass() {
        assertEquals("GET <URL> from <IP> took <DURATION> status <NUM>",
                masker.mask("GET https://api.example.com/v1/items?id=3 from 10.0.12.7:8443 took 12.5ms status 200"));
        assertEquals("reading <PATH> for trace <HEX> request <UUID>",
                masker.mask("reading /var/lib/app/data.db for trace 4bf92f3577b34da6 request "
                        + "123e4567-e89b-12d3-a456-426614174000"));
        assertEquals("peer <IP> pointer <HEX> uptime <DURATION> at <NUM>",
                masker.mask("peer fe80::1ff:fe23:4567:890a pointer 0x7ffd5c2a uptime 1h2m3.5s at 12:30:45.120"));
    }

    @Test
    void masksValuesOfKeyValueTokensAndKeepsKeysAndPunctuation() {
        assertEquals("user=<NUM> latency:<DURATION>, (<NUM>) [<IP>] k8s.pod=<HEX>",
                masker.mask("user=42 latency:250ms, (87.5%) [192.168.0.1] k8s.pod=7f9c8d2a1b"));
    }

    @Test
    void keepsQuotedValuesWithSpacesAsOneMaskedToken() {
        assertArrayEquals(new String[] {"reason=<QUOTED>", "and", "<QUOTED>,", "(<QUOTED>)", "done"},
                masker.tokens("reason=\"card expired today\" and 'two words', (\"in parens\") done"));
    }

    @Test
    void splitsAMaskedTextBackIntoTheTokensThatMaskingMade() {
        java.util.List<String> messages = new java.util.ArrayList<>(java.util.List.of(
                "call print(\"hello  world\") from alice", "reason=\"card expired\" and 'two words', done",
                "can't reach 'upstream", "  "));
        new SyntheticLogCorpus(new java.util.Random(3)).generate(500).forEach(line -> messages.add(line.message()));
        for (String message : messages) {
            assertArrayEquals(masker.tokens(message), masker.split(masker.mask(message)), message);
        }
        // Unmasked: a stored template keeps its tokens as they are.
        assertArrayEquals(new String[] {"id=42", "<*>", "f(\"a b\")"}, masker.split(" id=42 <*>  f(\"a b\")"));
    }

    @Test
    void leavesWordsApostrophesAndUnclassifiedTokensAlone() {
        assertEquals("can't reach upstream checkout: connection refused",
                masker.mask("  can't   reach upstream checkout: connection refused "));
        assertEquals("cafe deadbeef <NUM> id7", masker.mask("cafe deadbeef 1234567 id7"));
    }

    @Test
    void blankMessageHasNoTokens() {
        assertEquals(0, masker.tokens(" \t ").length);
    }
}
