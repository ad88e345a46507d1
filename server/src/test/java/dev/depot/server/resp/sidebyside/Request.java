package dev.depot.server.resp.sidebyside;

import java.util.List;

/**
 * One command of the stream: the connection it goes out on, its arguments (name first, Latin-1
 * text: one char per byte) and how its replies are judged.
 */
record Request(Client client, List<String> args, Handling handling) {

    /** The two connections each server gets per run. */
    enum Client {
        /** Everything, in the protocol and database the stream has chosen. */
        MAIN,
        /** A second client in RESP2 (unless the stream says otherwise): writes that WATCH must see. */
        OTHER
    }

    /** The rule one reply is compared by (a random pop's first, a scan's first page: see {@link Handling}). */
    Match match() {
        if (handling instanceof Handling.Compare c) {
            return c.match();
        }
        if (handling instanceof Handling.InMultiOnly m) {
            return m.match();
        }
        if (handling instanceof Handling.Known k) {
            return k.match();
        }
        if (handling instanceof Handling.OutsideMulti o) {
            return o.match();
        }
        return handling instanceof Handling.RandomPop ? Match.Rule.SHAPE : Match.Rule.EXACT;
    }

    @Override
    public String toString() {
        return (client == Client.OTHER ? "[other client] " : "") + Printable.command(args);
    }
}
