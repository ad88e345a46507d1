package dev.depot.server.resp;

import dev.depot.server.resp.meta.CommandMeta;

/**
 * A command Depot implements: its name (lower case), its body and what Redis 7 says about it
 * (arity, flags, key positions, documentation), from {@link dev.depot.server.resp.meta.CommandCatalog},
 * and its index in its {@link CommandTable}, by which per-command counters are found without a
 * lookup by name.
 */
record CommandSpec(String name, Command body, CommandMeta meta, int id) {

    /** Redis's arity: N means exactly N arguments with the name, -N at least N. */
    int arity() {
        return meta.info().arity();
    }

    boolean acceptsArgCount(int count) {
        return meta.acceptsArgCount(count);
    }
}
