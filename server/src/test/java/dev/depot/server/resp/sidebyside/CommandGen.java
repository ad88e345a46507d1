package dev.depot.server.resp.sidebyside;

import java.util.List;

/**
 * One command the random stream may contain: its name, how often it is drawn relative to the
 * others of its family, how its replies are judged, and how its arguments are drawn.
 *
 * <p>{@code CommandGen.of("get", d -> List.of(d.key()))} is a command whose two replies must be
 * equal byte for byte; {@link #compared}, {@link #known}, {@link #outsideMulti}, {@link #handled}
 * and {@link #weight} adjust that.
 */
record CommandGen(String name, int weight, Handling handling, Arguments arguments) {

    /** Draws the arguments that follow the command name. */
    @FunctionalInterface
    interface Arguments {
        List<String> draw(Draw d);
    }

    static CommandGen of(String name, Arguments arguments) {
        return new CommandGen(name, 1, new Handling.Compare(Match.Rule.EXACT), arguments);
    }

    /** Drawn {@code weight} times as often as a command of weight 1 of the same family. */
    CommandGen weight(int weight) {
        return new CommandGen(name, weight, handling, arguments);
    }

    /** Replies compared by {@code match} instead of byte for byte. */
    CommandGen compared(Match match) {
        return new CommandGen(name, weight, new Handling.Compare(match), arguments);
    }

    /** A command with a reported difference from Redis, sent on its own and tolerated where it shows. */
    CommandGen known(KnownDifference known) {
        return new CommandGen(name, weight, new Handling.Known(handling.match(), known), arguments);
    }

    /** Never queued inside MULTI (it would end the transaction: EXEC, DISCARD, RESET). */
    CommandGen outsideMulti() {
        return new CommandGen(name, weight, new Handling.OutsideMulti(handling.match()), arguments);
    }

    CommandGen handled(Handling handling) {
        return new CommandGen(name, weight, handling, arguments);
    }
}
