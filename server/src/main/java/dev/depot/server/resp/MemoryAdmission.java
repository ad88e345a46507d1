package dev.depot.server.resp;

import dev.depot.storage.keyspace.Databases;
import dev.depot.storage.keyspace.MemoryFullException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Redis's rule for a full memory, checked before a command runs: when memory is over maxmemory
 * and the eviction policy can free nothing, a command that may add data is refused with -OOM;
 * reads, deletes and pops still run, so clients can make room. Inside MULTI every command is
 * refused while memory is full, and EXEC of a transaction that may add data is aborted. This is
 * the one place where storage's {@link MemoryFullException} becomes a Redis error.
 */
final class MemoryAdmission {
    static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    /**
     * The commands Redis 7.0 flags "denyoom" (its COMMAND output), including those Depot does not
     * have yet, so a command added later is already classified. Subcommands flagged there
     * (FUNCTION LOAD/RESTORE, XGROUP CREATE/CREATECONSUMER) would need their own check.
     */
    private static final Set<String> MAY_ADD_DATA = Set.of(
            "append", "bitfield", "bitop", "blmove", "brpoplpush", "copy", "decr", "decrby", "geoadd",
            "georadius", "georadiusbymember", "geosearchstore", "getset", "hincrby", "hincrbyfloat", "hmset",
            "hset", "hsetnx", "incr", "incrby", "incrbyfloat", "linsert", "lmove", "lpush", "lpushx", "lset",
            "mset", "msetnx", "pfadd", "pfdebug", "pfmerge", "psetex", "restore", "restore-asking",
            "rpoplpush", "rpush", "rpushx", "sadd", "sdiffstore", "set", "setbit", "setex", "setnx",
            "setrange", "sinterstore", "sort", "sunionstore", "xadd", "xsetid", "zadd", "zdiffstore",
            "zincrby", "zinterstore", "zrangestore", "zunionstore");

    private MemoryAdmission() {
    }

    /** Whether {@code command} (lower case) may add data: Redis refuses it while memory is full. */
    static boolean mayAddData(String command) {
        return MAY_ADD_DATA.contains(command);
    }

    /** Whether any of the queued commands (name first) may add data. */
    static boolean anyMayAddData(List<List<byte[]>> commands) {
        for (List<byte[]> args : commands) {
            if (mayAddData(new String(args.get(0), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evicts if memory is over the limit and the policy allows; refuses if it is still over and
     * the policy can free nothing. Call it holding no shard lock.
     *
     * @throws RespException the -OOM error
     */
    static void admit(Databases databases) {
        try {
            databases.admitWrite();
        } catch (MemoryFullException e) {
            throw new RespException(OOM);
        }
    }
}
