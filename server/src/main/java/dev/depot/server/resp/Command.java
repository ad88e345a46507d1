package dev.depot.server.resp;

/** The body of one Redis command: reads {@link Call#args()}, writes exactly one reply. */
@FunctionalInterface
interface Command {
    void execute(Call call);
}
