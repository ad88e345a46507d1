package dev.depot.protocol.resp;

import java.util.List;

/**
 * One request, multibulk or inline, as its arguments: {@code args.get(0)} is the command name
 * exactly as sent (Redis matches names case-insensitively; folding case is the server's job).
 * Never empty: Redis skips empty requests ({@code *0}, {@code *-1}, blank inline lines), and so
 * does the decoder. The arrays are copies that the server may keep.
 */
public record RespCommand(List<byte[]> args) implements RespRequest {

    /** The number of arguments, the command name included (Redis's argc). */
    public int argc() {
        return args.size();
    }

    public byte[] arg(int i) {
        return args.get(i);
    }
}
