package io.rootscope.analytics.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a log message into whitespace-separated tokens and masks the common variables in them — URLs, paths,
 * UUIDs, IP addresses, hex ids, durations, numbers and quoted values — by the tokens of {@link MaskedVariable}.
 *
 * <p>This is the domain-knowledge preprocessing step of Drain (He et al., ICWS 2017, §III-A): masking
 * obvious variables before tree insertion keeps them from splitting one template into many. Values of
 * {@code key=value} and {@code key:value} tokens are masked and the key kept, so {@code id=42} becomes
 * {@code id=<NUM>}. A quoted value may contain spaces and stays one token. Tokens are classified by hand-written
 * scanners rather than regular expressions because this runs on every ingested line.
 *
 * <p>Time O(length of the message). Stateless and thread-safe.
 */
public final class LogMasker {

    private static final String LEADING_PUNCTUATION = "([{<";
    private static final String TRAILING_PUNCTUATION = ")]}>,;:.!?";
    private static final Set<String> DURATION_UNITS =
            Set.of("ns", "us", "µs", "ms", "s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d");
    private static final int UUID_LENGTH = 36;
    private static final int HEX_ID_MIN_LENGTH = 8;

    /** The masked tokens of a message, in order; empty for a blank message. */
    public String[] tokens(String message) {
        return scan(message, true);
    }

    /**
     * The tokens of a text as {@link #tokens} delimits them, unmasked: a template (its tokens joined by single
     * spaces) split back into its tokens, a quoted value with spaces still being one token.
     */
    public String[] split(String text) {
        return scan(text, false);
    }

    private static String[] scan(String message, boolean mask) {
        List<String> tokens = new ArrayList<>();
        int n = message.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(message.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(message.charAt(i))) {
                char c = message.charAt(i);
                int close = isQuote(c) && opensValue(message, start, i) ? message.indexOf(c, i + 1) : -1;
                i = close > 0 ? close + 1 : i + 1;
            }
            String token = message.substring(start, i);
            tokens.add(mask ? maskToken(token) : token);
        }
        return tokens.toArray(new String[0]);
    }

    /** The masked message: its masked tokens joined by single spaces. */
    public String mask(String message) {
        return String.join(" ", tokens(message));
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    /** A quote opens a value at the start of a token or right after '=' or ':', never inside a word ("can't"). */
    private static boolean opensValue(String message, int tokenStart, int at) {
        if (at == tokenStart) {
            return true;
        }
        char before = message.charAt(at - 1);
        return before == '=' || before == ':' || LEADING_PUNCTUATION.indexOf(before) >= 0;
    }

    /** The token masked as a whole (URLs, IPv6 addresses), else its value if it is a key-value pair. */
    private static String maskToken(String token) {
        String masked = maskValue(token);
        if (masked != null) {
            return masked;
        }
        int separator = keySeparator(token);
        if (separator < 0) {
            return token;
        }
        String value = maskValue(token.substring(separator + 1));
        return value == null ? token : token.substring(0, separator + 1) + value;
    }

    /**
     * The index of the '=' or ':' ending a key — a letter, then letters, digits, '_', '.' or '-' — with a
     * value after it, or -1.
     */
    private static int keySeparator(String token) {
        if (token.isEmpty() || !Character.isLetter(token.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            if (c == '=' || c == ':') {
                return i;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                return -1;
            }
        }
        return -1;
    }

    /** The value with its variable masked, keeping surrounding punctuation; null if it holds no variable. */
    private static String maskValue(String value) {
        int from = 0;
        int to = value.length();
        while (from < to && LEADING_PUNCTUATION.indexOf(value.charAt(from)) >= 0) {
            from++;
        }
        if (from < to && isQuote(value.charAt(from))) {
            int close = value.indexOf(value.charAt(from), from + 1);
            if (close > 0) {
                return value.substring(0, from) + MaskedVariable.QUOTED.token() + value.substring(close + 1);
            }
        }
        while (to > from && TRAILING_PUNCTUATION.indexOf(value.charAt(to - 1)) >= 0) {
            to--;
        }
        MaskedVariable variable = from == to ? null : classify(value.substring(from, to));
        return variable == null ? null : value.substring(0, from) + variable.token() + value.substring(to);
    }

    /** The variable class of a token stripped of surrounding punctuation, or null if it is not a variable. */
    static MaskedVariable classify(String core) {
        if (core.contains("://")) {
            return MaskedVariable.URL;
        }
        if (isPath(core)) {
            return MaskedVariable.PATH;
        }
        if (!hasDigit(core)) {
            // Every remaining class has a digit; most tokens are words and stop here.
            return null;
        }
        if (isUuid(core)) {
            return MaskedVariable.UUID;
        }
        if (isIpv4(core) || isIpv6(core)) {
            return MaskedVariable.IP;
        }
        if (isNumber(core)) {
            return MaskedVariable.NUMBER;
        }
        if (isDuration(core)) {
            return MaskedVariable.DURATION;
        }
        if (isHexId(core)) {
            return MaskedVariable.HEX;
        }
        return null;
    }

    private static boolean isPath(String s) {
        return s.length() > 1 && (s.charAt(0) == '/' && s.charAt(1) != '/'
                || s.startsWith("./") || s.startsWith("../") || s.startsWith("~/"));
    }

    private static boolean isUuid(String s) {
        if (s.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                return false;
            }
        }
        return true;
    }

    /** Dotted quad with octets 0–255 and an optional {@code :port}. */
    private static boolean isIpv4(String s) {
        int n = s.length();
        int i = 0;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i == n || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && isAsciiDigit(s.charAt(i))) {
                value = value * 10 + s.charAt(i++) - '0';
            }
            if (i == start || value > 255) {
                return false;
            }
        }
        return i == n || s.charAt(i) == ':' && isDigits(s, i + 1, n);
    }

    /** Hex groups separated by at least two colons, with a hex letter or "::" so that times (12:30:45) are not IPs. */
    private static boolean isIpv6(String s) {
        int colons = 0;
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if (!isHexDigit(c) && c != '.') {
                return false;
            } else if (Character.isLetter(c)) {
                letter = true;
            }
        }
        return colons >= 2 && (letter || s.contains("::"));
    }

    /**
     * A decimal number with optional sign, fraction, exponent and '%', or digit groups joined by ':' or ','
     * (clock times such as 12:30:45.120, thousands such as 1,024).
     */
    private static boolean isNumber(String s) {
        int end = s.endsWith("%") ? s.length() - 1 : s.length();
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        int digits = 0;
        boolean exponent = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ((c == 'e' || c == 'E') && digits > 0 && !exponent && i + 1 < end) {
                exponent = true;
                if (s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+') {
                    i++;
                }
            } else if ((c != '.' && c != ':' && c != ',') || exponent || i + 1 == end) {
                return false;
            }
        }
        return digits > 0;
    }

    /** One or more number-unit pairs, as in {@code 250ms}, {@code 1.5s} or Go's {@code 1h2m3.5s}. */
    private static boolean isDuration(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int numberStart = i;
            while (i < n && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < n && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (unitStart == numberStart || !isAsciiDigit(s.charAt(numberStart))
                    || !DURATION_UNITS.contains(s.substring(unitStart, i))) {
                return false;
            }
        }
        return n > 0;
    }

    /** {@code 0x}-prefixed hex, or at least {@value #HEX_ID_MIN_LENGTH} hex digits including a decimal digit. */
    private static boolean isHexId(String s) {
        boolean prefixed = s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"));
        int from = prefixed ? 2 : 0;
        boolean digit = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isHexDigit(c)) {
                return false;
            }
            digit |= isAsciiDigit(c);
        }
        return prefixed || s.length() >= HEX_ID_MIN_LENGTH && digit;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isAsciiDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
