package io.rootscope.analytics.topology;

import java.util.Locale;

/**
 * How one part of a {@link Urn} is normalised and checked. DNS-style names are case-insensitive (RFC 4343) and
 * Kubernetes accepts only lower case, so lower-casing them is safe; database names may be case-sensitive
 * (quoted PostgreSQL identifiers) and keep their case.
 */
enum NameRule {
    /** RFC 1035 label as Kubernetes Service names: a letter, then letters, digits or '-', at most 63. */
    DNS_1035_LABEL(63, true),
    /** RFC 1123 label as Kubernetes namespaces: letters, digits or '-', alphanumeric at both ends, at most 63. */
    DNS_1123_LABEL(63, true),
    /** RFC 1123 subdomain as pod, node and host names: dot-separated RFC 1123 labels, at most 253. */
    DNS_1123_SUBDOMAIN(253, true),
    /** A case-sensitive identifier: any characters but whitespace, '/' and ':', at most 253. */
    IDENTIFIER(253, false);

    private final int maxLength;
    private final boolean lowerCase;

    NameRule(int maxLength, boolean lowerCase) {
        this.maxLength = maxLength;
        this.lowerCase = lowerCase;
    }

    /**
     * The normalised form of a name.
     *
     * @param role what the name is, for the message, e.g. "namespace"
     * @throws IllegalArgumentException naming the problem if the name breaks the rule
     */
    String normalise(String name, String role) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(role + " must not be empty");
        }
        String normalised = lowerCase ? name.toLowerCase(Locale.ROOT) : name;
        if (normalised.length() > maxLength) {
            throw new IllegalArgumentException(role + " '" + name + "' is longer than " + maxLength + " characters");
        }
        String problem = switch (this) {
            case DNS_1035_LABEL -> Character.isLetter(normalised.charAt(0))
                    ? labelProblem(normalised) : "must start with a letter";
            case DNS_1123_LABEL -> labelProblem(normalised);
            case DNS_1123_SUBDOMAIN -> subdomainProblem(normalised);
            case IDENTIFIER -> identifierProblem(normalised);
        };
        if (problem != null) {
            throw new IllegalArgumentException(role + " '" + name + "' " + problem);
        }
        return normalised;
    }

    private static String labelProblem(String label) {
        if (label.isEmpty()) {
            return "has an empty label";
        }
        if (label.length() > 63) {
            return "has a label longer than 63 characters";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return "may contain only letters, digits and '-', found '" + c + "'";
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return "must start and end with a letter or digit";
        }
        return null;
    }

    private static String subdomainProblem(String name) {
        for (String label : name.split("\\.", -1)) {
            String problem = labelProblem(label);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String identifierProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || c == '/' || c == ':') {
                return "must not contain whitespace, '/' or ':'";
            }
        }
        return null;
    }
}
