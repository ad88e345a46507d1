package dev.depot.server.resp.sidebyside;

/** How the side-by-side runner plays a generated command and judges what comes back. */
sealed interface Handling {

    /** The rule a reply (for a random pop, its first; for a scan, the first page) is compared by. */
    Match match();

    /** Sent to both servers, the replies compared by {@code match}. */
    record Compare(Match match) implements Handling {
    }

    /**
     * Compared by {@code match}, sent alone or pipelined but never queued inside MULTI: EXEC,
     * DISCARD and RESET would end the transaction the stream is building.
     */
    record OutsideMulti(Match match) implements Handling {
    }

    /**
     * Sent on its own, compared by {@code match}, except where it shows the {@code known}
     * difference, which is noted instead (see {@link KnownDifference}).
     */
    record Known(Match match, KnownDifference known) implements Handling {
    }

    /**
     * Only ever queued inside MULTI, compared by {@code match}: the blocking pops, which answer at
     * once there instead of waiting.
     */
    record InMultiOnly(Match match) implements Handling {
    }

    /**
     * A command that removes random members of a set (SPOP): the replies are compared by shape;
     * then the key named by argument {@code keyArg} is read back on both servers, the members
     * each removed plus those it kept must be the same on both, and the reference's remainder is
     * copied onto the server under test so that the streams go on from equal states.
     */
    record RandomPop(int keyArg) implements Handling {
        @Override
        public Match match() {
            return Match.Rule.SHAPE;
        }
    }

    /**
     * A SCAN-family command (its cursor at argument {@code cursorArg}) followed to the end on each
     * server, which may page differently; the elements collected are compared as a set (as field
     * and value {@code pairs} for HSCAN), since SCAN promises every element but no order and may
     * repeat some.
     */
    record ScanAll(int cursorArg, boolean pairs) implements Handling {
        @Override
        public Match match() {
            return Match.Rule.EXACT; // an error on the first page; the pages themselves are walked
        }
    }
}
