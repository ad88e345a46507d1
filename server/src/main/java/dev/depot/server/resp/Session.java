package dev.depot.server.resp;

/** What RESP remembers about one connection: protocol version, selected database, name. */
final class Session {
    final long id;
    int protocol = 2;
    int db;
    String name = "";

    Session(long id) {
        this.id = id;
    }
}
