package dev.depot.server.resp.sidebyside;

import java.util.List;

/**
 * One RESP2 or RESP3 reply as a tree, so that replies can be compared structurally (some
 * elements in any order, numbers within a tolerance). Text is Latin-1: one char per byte.
 */
sealed interface Reply {

    /** The RESP type byte: '+', '-', ':', '$', '*', '%', '~', ',', '_' and so on. */
    char type();

    /** A one-line reply: simple string '+', error '-', integer ':', double ',', boolean '#', big number '('. */
    record Line(char type, String text) implements Reply {
        @Override
        public String toString() {
            return type + Printable.of(text);
        }
    }

    /** A length-prefixed string: bulk '$', verbatim '=', bulk error '!'. */
    record Bulk(char type, String value) implements Reply {
        @Override
        public String toString() {
            return type + "\"" + Printable.of(value) + "\"";
        }
    }

    /** RESP2's null bulk ("$-1") and null array ("*-1"), RESP3's null ("_"). */
    record Null(char type) implements Reply {
        @Override
        public String toString() {
            return type == '_' ? "_" : type + "-1";
        }
    }

    /**
     * An aggregate: array '*', set '~', push '>', map '%' and attribute '|'; a map's keys and
     * values alternate in {@code items}.
     */
    record Aggregate(char type, List<Reply> items) implements Reply {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder().append(type).append(type == '%' ? items.size() / 2 : items.size())
                    .append('[');
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(items.get(i));
            }
            return b.append(']').toString();
        }
    }

    default boolean isError() {
        return type() == '-' || type() == '!';
    }

    /** The integer of an integer reply, or null for any other reply. */
    default Long integer() {
        return this instanceof Line line && line.type() == ':' ? Long.valueOf(line.text()) : null;
    }

    /** The text of a bulk or simple string, or null for any other reply. */
    default String string() {
        if (this instanceof Bulk bulk && bulk.type() == '$') {
            return bulk.value();
        }
        return this instanceof Line line && line.type() == '+' ? line.text() : null;
    }

    /** The elements of an array, set or push reply, or null for any other reply. */
    default List<Reply> elements() {
        return this instanceof Aggregate a && a.type() != '%' && a.type() != '|' ? a.items() : null;
    }
}
