package dev.depot.server.it.resp;

import java.io.ByteArrayOutputStream;

/**
 * Starting a blocking command (BLPOP, BLMOVE...) and knowing that the server has taken it in.
 * The command goes out in one write behind a PING: both are read in one batch, whose replies
 * are flushed when the batch is done, so once PONG is back the blocking command has run, and
 * is either parked or answered. No sleeping, and no guessing whether another connection's
 * command could still overtake it.
 */
final class BlockedClient {
    private BlockedClient() {
    }

    static void start(RespConnection client, String... command) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(RespConnection.encode("PING"));
        both.writeBytes(RespConnection.encode(command));
        client.sendRaw(both.toByteArray());
        client.expectBytes("+PONG\r\n");
    }
}
