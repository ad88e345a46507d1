package dev.depot.server.resp;

import dev.depot.storage.keyspace.EvictionPolicy;

import java.util.Locale;

/** OBJECT ENCODING, REFCOUNT, IDLETIME, FREQ and HELP: how a key's value is held. None of them touch the key. */
final class ObjectCommands {
    /** Redis's refcount of a shared object, which is never freed. */
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    /** Redis shares the integers below this. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final String SWITCHING = " Please note that when switching between policies at runtime LRU and LFU"
            + " data will take some time to adjust.";

    private ObjectCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("object", -2, call -> object(call, service));
    }

    private static void object(Call call, RespService service) {
        String sub = call.text(1).toLowerCase(Locale.ROOT);
        if (sub.equals("help")) {
            Subcommands.checkArity(call, 2);
            Subcommands.help(call,
                    "ENCODING <key>", "    How Redis would hold the value as it is now (int, embstr, listpack...).",
                    "REFCOUNT <key>", "    References to the value: 1, or 2147483647 for a shared small integer.",
                    "IDLETIME <key>", "    Seconds since the key was last written or read (with an LRU policy).",
                    "FREQ <key>", "    How often the key is read (with an LFU policy).");
            return;
        }
        if (!sub.equals("encoding") && !sub.equals("refcount") && !sub.equals("idletime") && !sub.equals("freq")) {
            throw Subcommands.unknown(call);
        }
        Subcommands.checkArity(call, 3);
        EvictionPolicy policy = service.databases().evictionPolicy();
        EncodingLimits limits = service.parameters().encodingLimits();
        Object answer = call.db().execute(call.arg(2), slot -> {
            if (!slot.exists()) {
                return null;
            }
            byte[] string = slot.bytes();
            return switch (sub) {
                case "encoding" -> string != null ? ObjectEncoding.ofString(string)
                        : ObjectEncoding.ofCollection(slot.object(), limits);
                case "refcount" -> string != null && sharedInteger(string, policy) ? SHARED_REFCOUNT : 1L;
                case "idletime" -> {
                    if (policy.tracksFrequency()) {
                        throw new RespException("ERR An LFU maxmemory policy is selected, idle time not tracked."
                                + SWITCHING);
                    }
                    yield (long) slot.lruIdleSeconds();
                }
                default -> {
                    if (!policy.tracksFrequency()) {
                        throw new RespException("ERR An LFU maxmemory policy is not selected, access frequency not"
                                + " tracked." + SWITCHING);
                    }
                    yield (long) slot.lfuFrequency();
                }
            };
        });
        if (answer == null) {
            call.reply().nullBulk();
        } else if (answer instanceof Long n) {
            call.reply().integer(n);
        } else {
            call.reply().bulk((String) answer);
        }
    }

    /** Redis shares the integer objects 0-9999 unless the policy needs per-key LRU or LFU data. */
    private static boolean sharedInteger(byte[] value, EvictionPolicy policy) {
        if (policy.tracksRecency() || policy.tracksFrequency() || !ObjectEncoding.isInteger(value)) {
            return false;
        }
        long n = RespNumbers.parseLong(value);
        return n >= 0 && n < SHARED_INTEGERS;
    }
}
