package dev.depot.server.resp;

import java.util.Set;

/**
 * What the connection needs to know about commands besides their arity, by Redis 7's command
 * flags: which run before AUTH, which MONITOR does not show, which CLIENT PAUSE WRITE holds.
 * Names are full names ({@code client|kill}) where Redis flags subcommands differently.
 */
final class CommandFlags {
    /** Redis's no-auth commands: allowed before AUTH when a password is required. */
    private static final Set<String> NO_AUTH = Set.of("auth", "hello", "quit", "reset");

    /** Redis's admin commands (and subcommands), which MONITOR does not show. */
    private static final Set<String> ADMIN = Set.of("config|get", "config|set", "config|resetstat", "config|rewrite",
            "client|kill", "client|list", "client|pause", "client|unpause", "client|no-evict", "client|unblock",
            "slowlog|get", "slowlog|len", "slowlog|reset", "latency|latest", "latency|history", "latency|reset",
            "latency|doctor", "latency|graph", "latency|histogram", "monitor", "shutdown", "debug", "save", "bgsave",
            "bgrewriteaof", "lastsave", "replicaof", "slaveof", "failover", "sync", "psync", "replconf");

    /**
     * Commands that change data, and PUBLISH, which Redis pauses with them (it may replicate):
     * what CLIENT PAUSE WRITE holds back.
     */
    private static final Set<String> WRITE = Set.of("set", "setnx", "setex", "psetex", "mset", "msetnx", "append",
            "setrange", "incr", "incrby", "incrbyfloat", "decr", "decrby", "getset", "getdel", "getex", "del", "unlink",
            "expire", "pexpire", "expireat", "pexpireat", "persist", "rename", "renamenx", "move", "copy", "flushdb",
            "flushall", "swapdb", "restore", "sort", "hset", "hsetnx", "hmset", "hdel", "hincrby", "hincrbyfloat",
            "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "lset", "linsert", "lrem", "ltrim", "lmove",
            "rpoplpush", "blpop", "brpop", "blmove", "brpoplpush", "lmpop", "blmpop", "sadd", "srem", "spop", "smove",
            "sinterstore", "sunionstore", "sdiffstore", "zadd", "zincrby", "zrem", "zpopmin", "zpopmax", "bzpopmin",
            "bzpopmax", "zmpop", "bzmpop", "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zunionstore",
            "zinterstore", "zdiffstore", "zrangestore", "setbit", "bitop", "bitfield", "pfadd", "pfmerge", "publish",
            "xadd", "xdel", "xtrim", "geoadd", "georadius", "georadiusbymember");

    private CommandFlags() {
    }

    static boolean runsWithoutAuth(String name) {
        return NO_AUTH.contains(name);
    }

    static boolean isAdmin(String fullName) {
        return ADMIN.contains(fullName);
    }

    static boolean isWrite(String name) {
        return WRITE.contains(name);
    }

    /** EXEC is not logged as a whole: the commands it ran are logged one by one. */
    static boolean skipsSlowLog(String name) {
        return name.equals("exec");
    }
}
