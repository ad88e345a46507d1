package dev.depot.server.resp;

/** A CONFIG SET value refused, with Redis's reason ("argument must be a memory value"). */
final class ConfigRejected extends RuntimeException {
    ConfigRejected(String reason) {
        super(reason, null, false, false);
    }
}
