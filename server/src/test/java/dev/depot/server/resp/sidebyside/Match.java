package dev.depot.server.resp.sidebyside;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How two replies to the same command are compared. Byte-for-byte equality is the rule; the
 * others loosen it only where Redis itself promises nothing (an order, an instant, a random
 * pick), and each says so where it is used. An error reply is always compared exactly.
 */
sealed interface Match permits Match.Rule, Match.Each {

    /** Why the replies disagree under this rule; null when they agree. */
    String disagreement(Reply reference, Reply target);

    enum Rule implements Match {
        /** Same reply, byte for byte. */
        EXACT,
        /**
         * The same elements in any order: for replies that list a hash table (SMEMBERS, SINTER,
         * SUNION, SDIFF, HKEYS, HVALS, KEYS), whose order Redis leaves to its encodings.
         */
        UNORDERED,
        /**
         * The same field-value pairs in any order: HGETALL (a flat array in RESP2, a map in
         * RESP3), whose order depends on the hash's encoding in Redis.
         */
        UNORDERED_PAIRS,
        /**
         * Exact, except that a zero score's sign is not compared ("-0" equals "0" as a bulk string
         * or RESP3 double): Redis keeps a -0 score in its skiplist encoding but stores it as the
         * integer 0 in its listpack encoding, so the sign depends on the set's size and member
         * lengths, not on anything a client asked for.
         */
        SCORES,
        /** Integers within 3 of each other (TTL, EXPIRETIME): the two servers set them a few ms apart. */
        NEAR_SECONDS,
        /** Integers within 3000 of each other (PTTL, PEXPIRETIME), for the same reason in milliseconds. */
        NEAR_MILLIS,
        /**
         * Same type and, for aggregates, the same number of elements of the same types: for replies
         * that are random (SRANDMEMBER, SPOP, RANDOMKEY) or describe the server itself (CLIENT ID,
         * TIME, INFO, HELLO).
         */
        SHAPE;

        @Override
        public String disagreement(Reply reference, Reply target) {
            if (reference.isError() || target.isError()) {
                return exact(reference, target);
            }
            return switch (this) {
                case EXACT -> exact(reference, target);
                case SCORES -> exact(unsignedZeros(reference), unsignedZeros(target));
                case UNORDERED -> unordered(reference, target, 1);
                case UNORDERED_PAIRS -> unordered(reference, target, 2);
                case NEAR_SECONDS -> near(reference, target, 3);
                case NEAR_MILLIS -> near(reference, target, 3000);
                case SHAPE -> shape(reference, target);
            };
        }

        private static String unordered(Reply reference, Reply target, int group) {
            if (reference instanceof Reply.Aggregate a && target instanceof Reply.Aggregate b
                    && a.type() == b.type() && a.items().size() % group == 0 && b.items().size() % group == 0) {
                return sorted(a.items(), group).equals(sorted(b.items(), group)) ? null
                        : "different elements (compared in any order)";
            }
            return exact(reference, target);
        }

        /** The items in groups of {@code group} (a pair: field then value), groups sorted by text. */
        private static List<String> sorted(List<Reply> items, int group) {
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < items.size(); i += group) {
                groups.add(items.subList(i, i + group).toString());
            }
            groups.sort(Comparator.naturalOrder());
            return groups;
        }

        private static Reply unsignedZeros(Reply reply) {
            if (reply instanceof Reply.Bulk b && b.type() == '$' && b.value().equals("-0")) {
                return new Reply.Bulk('$', "0");
            }
            if (reply instanceof Reply.Line l && l.type() == ',' && l.text().equals("-0")) {
                return new Reply.Line(',', "0");
            }
            if (reply instanceof Reply.Aggregate a) {
                return new Reply.Aggregate(a.type(), a.items().stream().map(Rule::unsignedZeros).toList());
            }
            return reply;
        }

        private static String near(Reply reference, Reply target, long tolerance) {
            Long a = reference.integer();
            Long b = target.integer();
            if (a != null && b != null && a >= 0 && b >= 0) {
                return Math.abs(a - b) <= tolerance ? null : "more than " + tolerance + " apart";
            }
            return exact(reference, target);
        }

        private static String shape(Reply reference, Reply target) {
            if (!sameKind(reference, target)) {
                return "different reply types";
            }
            if (reference instanceof Reply.Aggregate a && target instanceof Reply.Aggregate b) {
                if (a.items().size() != b.items().size()) {
                    return "different numbers of elements";
                }
                for (int i = 0; i < a.items().size(); i++) {
                    if (!sameKind(a.items().get(i), b.items().get(i))) {
                        return "element " + i + " has another type";
                    }
                }
            }
            return null;
        }

        /** The same RESP type, and both null or neither ("$-1" is not a bulk string). */
        private static boolean sameKind(Reply a, Reply b) {
            return a.type() == b.type() && a.getClass() == b.getClass();
        }
    }

    /** EXEC: each queued command's reply by that command's own rule (anything else exactly). */
    record Each(List<Match> elements) implements Match {
        @Override
        public String disagreement(Reply reference, Reply target) {
            List<Reply> a = reference.elements();
            List<Reply> b = target.elements();
            if (a == null || b == null || reference.type() != target.type()
                    || a.size() != elements.size() || b.size() != elements.size()) {
                return exact(reference, target);
            }
            for (int i = 0; i < elements.size(); i++) {
                String why = elements.get(i).disagreement(a.get(i), b.get(i));
                if (why != null) {
                    return "reply " + (i + 1) + " of " + elements.size() + ": " + why;
                }
            }
            return null;
        }
    }

    private static String exact(Reply reference, Reply target) {
        return reference.equals(target) ? null : "different replies";
    }
}
