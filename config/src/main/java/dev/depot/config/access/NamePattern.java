package dev.depot.config.access;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One permission regular expression, compiled once and matched the way RabbitMQ matches it:
 * searched for anywhere in the resource name (RabbitMQ does not anchor it, so {@code foo}
 * grants {@code xfoox}; anchor with {@code ^...$} to mean exactly), with the empty string
 * standing for {@code ^$}, which no real resource name matches.
 */
sealed interface NamePattern {

    /** RabbitMQ's usual "everything" needs no regex: {@code .*} is found in every name. */
    NamePattern EVERYTHING = new Everything();

    boolean matches(String resource);

    /**
     * @throws IllegalArgumentException with the regex library's reason if {@code regex} does not compile
     */
    static NamePattern compile(String regex) {
        if (regex.equals(".*")) {
            return EVERYTHING;
        }
        try {
            // UNIX_LINES: only \n ends a line for . ^ $, as in the PCRE library RabbitMQ uses.
            return new Regex(Pattern.compile(regex.isEmpty() ? "^$" : regex, Pattern.UNIX_LINES));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    record Everything() implements NamePattern {
        @Override
        public boolean matches(String resource) {
            return true;
        }
    }

    record Regex(Pattern pattern) implements NamePattern {
        @Override
        public boolean matches(String resource) {
            return pattern.matcher(resource).find();
        }
    }
}
