package io.rootscope.backend.etl.pushed;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label condition of a {@link SeriesSelector}, written as in a PromQL selector without the label name:
 * {@code "200"} (equal), {@code "!=200"}, {@code "=~5.."} (the regex matches the whole value), {@code "!~2.."}. A
 * missing label has the empty value, as in PromQL.
 */
public record LabelMatcher(Op op, String value, Pattern pattern) {

    public enum Op { EQUAL, NOT_EQUAL, MATCHES, NOT_MATCHES }

    public static LabelMatcher parse(String written) {
        if (written.startsWith("!=")) {
            return new LabelMatcher(Op.NOT_EQUAL, written.substring(2), null);
        }
        boolean matches = written.startsWith("=~");
        if (matches || written.startsWith("!~")) {
            String regex = written.substring(2);
            try {
                return new LabelMatcher(matches ? Op.MATCHES : Op.NOT_MATCHES, regex, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a regular expression: " + regex);
            }
        }
        return new LabelMatcher(Op.EQUAL, written, null);
    }

    public boolean matches(String labelValue) {
        String actual = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> pattern.matcher(actual).matches();
            case NOT_MATCHES -> !pattern.matcher(actual).matches();
        };
    }
}
