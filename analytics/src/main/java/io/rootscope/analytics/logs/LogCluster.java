package io.rootscope.analytics.logs;

/** A Drain log group: a template whose positions become wildcards as differing lines join it. */
final class LogCluster {

    private final String[] tokens;
    private LogTemplate current;
    private LogTemplate reported;

    LogCluster(String[] tokens) {
        this.tokens = tokens.clone();
    }

    /**
     * The simSeq of Drain: the share of positions where the template holds exactly the line's token; wildcard
     * positions do not count. An empty template matches an empty line fully.
     */
    double similarity(String[] line) {
        if (tokens.length == 0) {
            return 1.0;
        }
        int equal = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].equals(line[i]) && !DrainTemplateMiner.WILDCARD.equals(tokens[i])) {
                equal++;
            }
        }
        return (double) equal / tokens.length;
    }

    int wildcardCount() {
        int count = 0;
        for (String token : tokens) {
            if (DrainTemplateMiner.WILDCARD.equals(token)) {
                count++;
            }
        }
        return count;
    }

    /** Turns every position where the line differs into a wildcard. */
    void absorb(String[] line) {
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals(line[i]) && !DrainTemplateMiner.WILDCARD.equals(tokens[i])) {
                tokens[i] = DrainTemplateMiner.WILDCARD;
                current = null;
            }
        }
    }

    LogTemplate template() {
        if (current == null) {
            current = LogTemplate.of(String.join(" ", tokens));
        }
        return current;
    }

    /** Marks the current template as reported and returns the one reported before it, or null. */
    LogTemplate markReported() {
        LogTemplate previous = reported;
        reported = template();
        return previous;
    }
}
