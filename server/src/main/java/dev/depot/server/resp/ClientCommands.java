package dev.depot.server.resp;

import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.unix.UnixChannel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * CLIENT: the connection's id, name and library (SETNAME, SETINFO), the list of connections
 * (LIST, INFO) and control over them (KILL, PAUSE, UNPAUSE, REPLY, NO-EVICT, NO-TOUCH).
 */
final class ClientCommands {
    private ClientCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("client", -2, call -> client(call, service));
        // Redis 7.2's: client libraries send SETINFO as they connect
        table.addLaterSubcommand("client", "setinfo", 4);
        table.addLaterSubcommand("client", "no-touch", 3);
    }

    private static void client(Call call, RespService service) {
        switch (call.text(1).toLowerCase(Locale.ROOT)) {
            case "id" -> {
                Subcommands.checkArity(call, 2);
                call.reply().integer(call.session().id);
            }
            case "setname" -> {
                Subcommands.checkArity(call, 3);
                String name = call.text(2);
                checkClientName(name);
                call.session().name = name;
                call.reply().ok();
            }
            case "getname" -> {
                Subcommands.checkArity(call, 2);
                if (call.session().name.isEmpty()) {
                    call.reply().nullBulk();
                } else {
                    call.reply().bulk(call.session().name);
                }
            }
            case "setinfo" -> setInfo(call);
            case "list" -> list(call, service);
            case "info" -> {
                Subcommands.checkArity(call, 2);
                call.reply().verbatim(describe(call.session()) + "\n");
            }
            case "kill" -> kill(call, service);
            case "pause" -> pause(call, service.pause());
            case "unpause" -> {
                Subcommands.checkArity(call, 2);
                service.pause().unpause();
                call.reply().ok();
            }
            case "reply" -> reply(call);
            case "no-evict" -> call.session().noEvict = onOff(call);
            case "no-touch" -> call.session().noTouch = onOff(call);
            case "help" -> {
                Subcommands.checkArity(call, 2);
                Subcommands.help(call,
                        "ID", "    This connection's id.",
                        "GETNAME", "    This connection's name.",
                        "SETNAME <name>", "    Names this connection (empty: no name).",
                        "SETINFO (LIB-NAME|LIB-VER) <value>", "    Records the client library's name or version.",
                        "INFO", "    This connection, as one line of CLIENT LIST.",
                        "LIST [TYPE (NORMAL|MASTER|REPLICA|PUBSUB)] [ID <id> ...]",
                        "    One line per open connection, optionally only some.",
                        "KILL <ip:port>", "    Closes the connection from that address.",
                        "KILL <filter> <value> ...",
                        "    Closes the connections that match every filter and says how many. Filters:",
                        "    ID <id>, ADDR <ip:port>, LADDR <ip:port>, USER <name>,",
                        "    TYPE (NORMAL|MASTER|REPLICA|PUBSUB), SKIPME (YES|NO) (default YES).",
                        "PAUSE <milliseconds> [WRITE|ALL]",
                        "    Holds back every command (ALL, the default) or those that write, for a while.",
                        "UNPAUSE", "    Ends a pause now.",
                        "REPLY (ON|OFF|SKIP)", "    Turns this connection's replies off, on, or off for the next command.",
                        "NO-EVICT (ON|OFF)", "    Accepted for compatibility; Depot never evicts connections.",
                        "NO-TOUCH (ON|OFF)", "    Accepted for compatibility; reads update keys' access time as usual.");
            }
            default -> throw Subcommands.unknown(call);
        }
    }

    static void checkClientName(String name) {
        if (!printable(name)) {
            throw new RespException("ERR Client names cannot contain spaces, newlines or special characters.");
        }
    }

    /** What CLIENT LIST can show between its spaces: visible ASCII only. */
    private static boolean printable(String text) {
        return text.chars().allMatch(c -> c > ' ' && c <= '~');
    }

    /** CLIENT SETINFO (LIB-NAME|LIB-VER) value: Redis 7.2's, which client libraries send on connect. */
    private static void setInfo(Call call) {
        Subcommands.checkArity(call, 4);
        String attribute = call.text(2).toLowerCase(Locale.ROOT);
        if (!attribute.equals("lib-name") && !attribute.equals("lib-ver")) {
            throw new RespException("ERR Unrecognized option '" + call.text(2) + "'");
        }
        String value = call.text(3);
        if (!printable(value)) {
            throw new RespException("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
        }
        if (attribute.equals("lib-name")) {
            call.session().libName = value;
        } else {
            call.session().libVersion = value;
        }
        call.reply().ok();
    }

    /** CLIENT LIST [TYPE type] | [ID id ...]. */
    private static void list(Call call, RespService service) {
        Predicate<Session> wanted = s -> true;
        if (call.argc() == 4 && call.is(2, "TYPE")) {
            ClientType type = ClientType.named(call.text(3));
            wanted = s -> ClientType.of(s) == type;
        } else if (call.argc() > 3 && call.is(2, "ID")) {
            List<Long> ids = new ArrayList<>();
            for (int i = 3; i < call.argc(); i++) {
                Long id = RespNumbers.parseLong(call.arg(i));
                if (id == null || id <= 0) {
                    throw new RespException("ERR Invalid client ID");
                }
                ids.add(id);
            }
            wanted = s -> ids.contains(s.id);
        } else if (call.argc() != 2) {
            throw RespException.syntax();
        }
        StringBuilder text = new StringBuilder();
        for (Session session : sorted(service.clients())) {
            if (wanted.test(session)) {
                text.append(describe(session)).append('\n');
            }
        }
        call.reply().verbatim(text.toString());
    }

    private static List<Session> sorted(ClientRegistry clients) {
        List<Session> all = new ArrayList<>(clients.all());
        all.sort(Comparator.comparingLong(s -> s.id));
        return all;
    }

    /**
     * One line of CLIENT LIST, with Redis 7.2's fields in Redis's order. Buffer figures Depot
     * does not keep (query buffer, argv memory) are 0; omem is what is queued for the socket.
     * Another connection's fields are read while its own event loop may change them: the line
     * is a moment's view, as Redis's is between two commands.
     */
    static String describe(Session s) {
        long now = System.currentTimeMillis();
        ChannelOutboundBuffer pending = s.channel.unsafe().outboundBuffer();
        long omem = pending == null ? 0 : pending.totalPendingWriteBytes();
        var queued = s.queued;
        CommandStats last = s.lastCommand;
        return "id=" + s.id
                + " addr=" + PeerAddress.remote(s)
                + " laddr=" + PeerAddress.local(s)
                + " fd=" + (s.channel instanceof UnixChannel unix ? unix.fd().intValue() : -1)
                + " name=" + s.name
                + " age=" + (now - s.createdMillis) / 1000
                + " idle=" + (now - s.lastInteractionMillis) / 1000
                + " flags=" + flags(s)
                + " db=" + s.db
                + " sub=" + s.channels.size()
                + " psub=" + s.patterns.size()
                + " ssub=0"
                + " multi=" + (queued == null ? -1 : queued.size())
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0"
                + " omem=" + omem
                + " tot-mem=" + omem
                + " events=r" + (omem > 0 ? "w" : "")
                + " cmd=" + (last == null ? "NULL" : last.name())
                + " user=default redir=-1"
                + " resp=" + s.protocol
                + " lib-name=" + s.libName
                + " lib-ver=" + s.libVersion;
    }

    /** Redis's flag letters, in Redis's order; N for none. */
    private static String flags(Session s) {
        StringBuilder flags = new StringBuilder();
        if (s.monitor) {
            flags.append('O');
        }
        if (s.subscriptions() > 0) {
            flags.append('P');
        }
        if (s.queued != null) {
            flags.append('x');
        }
        if (s.blocked) {
            flags.append('b');
        }
        if (s.closeAfterReply) {
            flags.append('c');
        }
        if (s.noEvict) {
            flags.append('e');
        }
        if (s.noTouch) {
            flags.append('T');
        }
        return flags.isEmpty() ? "N" : flags.toString();
    }

    /**
     * CLIENT KILL ip:port (OK, or an error when there is no such client), or CLIENT KILL with
     * filters (the number of connections closed; never the caller unless SKIPME no).
     */
    private static void kill(Call call, RespService service) {
        Subcommands.checkArity(call, -3);
        Session self = call.session();
        if (call.argc() == 3) {
            String address = call.text(2);
            Session target = service.clients().all().stream()
                    .filter(s -> PeerAddress.remote(s).equals(address)).findFirst()
                    .orElseThrow(() -> new RespException("ERR No such client"));
            close(service.clients(), target, self);
            call.reply().ok();
            return;
        }
        List<Predicate<Session>> filters = new ArrayList<>();
        boolean skipMe = true;
        for (int i = 2; i < call.argc(); i += 2) {
            if (i + 1 >= call.argc()) {
                throw RespException.syntax();
            }
            String value = call.text(i + 1);
            switch (call.text(i).toLowerCase(Locale.ROOT)) {
                case "id" -> {
                    Long id = RespNumbers.parseLong(call.arg(i + 1));
                    if (id == null || id <= 0) {
                        throw new RespException("ERR client-id should be greater than 0");
                    }
                    filters.add(s -> s.id == id);
                }
                case "type" -> {
                    ClientType type = ClientType.named(value);
                    filters.add(s -> ClientType.of(s) == type);
                }
                case "addr" -> filters.add(s -> PeerAddress.remote(s).equals(value));
                case "laddr" -> filters.add(s -> PeerAddress.local(s).equals(value));
                case "user" -> {
                    if (!value.equals("default")) {
                        throw new RespException("ERR No such user '" + value + "'");
                    }
                }
                case "skipme" -> {
                    if (value.equalsIgnoreCase("yes")) {
                        skipMe = true;
                    } else if (value.equalsIgnoreCase("no")) {
                        skipMe = false;
                    } else {
                        throw RespException.syntax();
                    }
                }
                default -> throw RespException.syntax();
            }
        }
        long killed = 0;
        for (Session session : sorted(service.clients())) {
            if ((session != self || !skipMe) && filters.stream().allMatch(f -> f.test(session))) {
                close(service.clients(), session, self);
                killed++;
            }
        }
        call.reply().integer(killed);
    }

    /** The caller's own connection closes after this reply; another one at once. */
    private static void close(ClientRegistry clients, Session target, Session self) {
        if (target == self) {
            self.closeAfterReply = true;
        } else {
            clients.close(target);
        }
    }

    /** CLIENT PAUSE milliseconds [WRITE|ALL]. */
    private static void pause(Call call, ClientPause pause) {
        Subcommands.checkArity(call, -3);
        Long millis = RespNumbers.parseLong(call.arg(2));
        if (millis == null) {
            throw new RespException("ERR timeout is not an integer or out of range");
        }
        if (millis < 0) {
            throw new RespException("ERR timeout is negative");
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (call.argc() == 4) {
            if (call.is(3, "WRITE")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!call.is(3, "ALL")) {
                throw new RespException("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        } else if (call.argc() > 4) {
            throw RespException.syntax();
        }
        pause.pause(mode, millis);
        call.reply().ok();
    }

    /** CLIENT REPLY ON|OFF|SKIP: only ON answers (OK); OFF and SKIP are silent by definition. */
    private static void reply(Call call) {
        Subcommands.checkArity(call, 3);
        Session session = call.session();
        if (call.is(2, "ON")) {
            session.repliesOff = false;
            call.reply().ok();
        } else if (call.is(2, "OFF")) {
            session.repliesOff = true;
        } else if (call.is(2, "SKIP")) {
            if (!session.repliesOff) {
                session.skipNextReply = true;
            }
        } else {
            throw RespException.syntax();
        }
    }

    /** ON or OFF for NO-EVICT and NO-TOUCH (which answer OK). */
    private static boolean onOff(Call call) {
        Subcommands.checkArity(call, 3);
        boolean on;
        if (call.is(2, "ON")) {
            on = true;
        } else if (call.is(2, "OFF")) {
            on = false;
        } else {
            throw RespException.syntax();
        }
        call.reply().ok();
        return on;
    }

    /** Redis's client types, as CLIENT LIST TYPE and CLIENT KILL TYPE name them. */
    enum ClientType {
        NORMAL, MASTER, REPLICA, PUBSUB;

        /** A connection's type: subscribers are PUBSUB, every other Depot connection NORMAL. */
        static ClientType of(Session session) {
            return session.subscriptions() > 0 ? PUBSUB : NORMAL;
        }

        /** The type named {@code name} (SLAVE is REPLICA's old name). */
        static ClientType named(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("SLAVE")) {
                return REPLICA;
            }
            for (ClientType type : values()) {
                if (type.name().equals(upper)) {
                    return type;
                }
            }
            throw new RespException("ERR Unknown client type '" + name + "'");
        }
    }
}
