package dev.depot.server.resp;

/**
 * A command's name (lower case), its arity as Redis states it (N: exactly N arguments with the
 * name; -N: at least N) and its body.
 */
record CommandSpec(String name, int arity, Command body) {

    boolean acceptsArgCount(int count) {
        return arity >= 0 ? count == arity : count >= -arity;
    }
}
