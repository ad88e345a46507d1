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

    Match match() {
        return handling.match();
    }

    @Override
    public String toString() {
        return (client == Client.OTHER ? "[other client] " : "") + Printable.command(args);
    }
}
