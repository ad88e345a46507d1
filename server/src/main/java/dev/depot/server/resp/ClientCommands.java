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
 * (LIST, INFO), control over them (KILL, PAUSE, UNPAUSE, UNBLOCK, REPLY, NO-EVICT, NO-TOUCH) and
 * client-side caching (TRACKING, CACHING, GETREDIR, TRACKINGINFO; see {@link Tracking}).
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
            case "unblock" -> unblock(call, service.clients());
            case "tracking" -> tracking(call, service);
            case "caching" -> caching(call);
            case "getredir" -> {
                Subcommands.checkArity(call, 2);
                Tracking.Mode mode = call.session().tracking;
                call.reply().integer(mode == null ? -1 : mode.redirect());
            }
            case "trackinginfo" -> {
                Subcommands.checkArity(call, 2);
                trackingInfo(call);
            }
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
                        "UNBLOCK <id> [TIMEOUT|ERROR]",
                        "    Ends the blocking command that client waits in, as its timeout would or with an error.",
                        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> ...] [OPTIN] [OPTOUT] [NOLOOP]",
                        "    Client-side caching: invalidation messages for the keys this connection reads,",
                        "    or with BCAST for every key under the prefixes.",
                        "CACHING (YES|NO)", "    With OPTIN (YES) or OPTOUT (NO): track the next command's keys, or not.",
                        "GETREDIR", "    The client id invalidations go to: 0 for this one, -1 when not tracking.",
                        "TRACKINGINFO", "    This connection's tracking mode, redirect and prefixes.",
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
                + " user=default redir=" + redirect(s)
                + " resp=" + s.protocol
                + " lib-name=" + s.libName
                + " lib-ver=" + s.libVersion;
    }

    /** CLIENT LIST's redir=: -1 without tracking, 0 without a redirect. */
    private static long redirect(Session s) {
        Tracking.Mode tracking = s.tracking;
        return tracking == null ? -1 : tracking.redirect();
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
        Tracking.Mode tracking = s.tracking;
        if (tracking != null) {
            flags.append('t');
        }
        if (s.trackingRedirectBroken) {
            flags.append('R');
        }
        if (tracking != null && tracking.bcast()) {
            flags.append('B');
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

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client was waiting in a blocking command,
     * which then answers as on timeout (the default) or with the UNBLOCKED error; 0 otherwise.
     */
    private static void unblock(Call call, ClientRegistry clients) {
        Subcommands.checkArity(call, -3);
        if (call.argc() > 4) {
            throw new RespException("ERR unknown subcommand or wrong number of arguments for '" + call.quoted(1)
                    + "'. Try CLIENT HELP.");
        }
        long id = call.longArg(2);
        boolean withError = false;
        if (call.argc() == 4) {
            if (call.is(3, "ERROR")) {
                withError = true;
            } else if (!call.is(3, "TIMEOUT")) {
                throw new RespException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        Session target = clients.get(id);
        Unblockable waiting = target == null ? null : target.waitingIn;
        call.reply().integer(waiting != null && waiting.unblock(withError) ? 1 : 0);
    }

    /**
     * CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP], with
     * Redis 7.0's checks in Redis's order: the options as they come (a redirect target must
     * exist, even for OFF), then for ON the combinations, then the prefixes.
     */
    private static void tracking(Call call, RespService service) {
        Subcommands.checkArity(call, -3);
        boolean on;
        if (call.is(2, "ON")) {
            on = true;
        } else if (call.is(2, "OFF")) {
            on = false;
        } else {
            throw RespException.syntax();
        }
        boolean bcast = false;
        boolean optIn = false;
        boolean optOut = false;
        boolean noLoop = false;
        long redirect = 0;
        List<byte[]> prefixes = new ArrayList<>();
        for (int i = 3; i < call.argc(); i++) {
            boolean more = i + 1 < call.argc();
            if (call.is(i, "REDIRECT") && more) {
                if (redirect != 0) {
                    throw new RespException("ERR A client can only redirect to a single other client");
                }
                redirect = call.longArg(++i);
                if (service.clients().get(redirect) == null) {
                    throw new RespException("ERR The client ID you want redirect to does not exist");
                }
            } else if (call.is(i, "BCAST")) {
                bcast = true;
            } else if (call.is(i, "OPTIN")) {
                optIn = true;
            } else if (call.is(i, "OPTOUT")) {
                optOut = true;
            } else if (call.is(i, "NOLOOP")) {
                noLoop = true;
            } else if (call.is(i, "PREFIX") && more) {
                prefixes.add(call.arg(++i));
            } else {
                throw RespException.syntax();
            }
        }
        Session session = call.session();
        if (!on) {
            service.tracking().off(session);
            call.reply().ok();
            return;
        }
        Tracking.Mode current = session.tracking;
        if (!bcast && !prefixes.isEmpty()) {
            throw new RespException("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (current != null && current.bcast() != bcast) {
            throw new RespException("ERR You can't switch BCAST mode on/off before disabling tracking for this client,"
                    + " and then re-enabling it with a different mode.");
        }
        if (bcast && (optIn || optOut)) {
            throw new RespException("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (optIn && optOut) {
            throw new RespException("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if (current != null && ((optIn && current.optOut()) || (optOut && current.optIn()))) {
            throw new RespException("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client,"
                    + " and then re-enabling it with a different mode.");
        }
        checkPrefixes(prefixes, current == null ? List.of() : current.prefixes());
        service.tracking().on(session, bcast, optIn, optOut, noLoop, redirect, prefixes);
        call.reply().ok();
    }

    /** A client's prefixes must not overlap: each new one is checked against its old ones, then against the other new ones. */
    private static void checkPrefixes(List<byte[]> added, List<byte[]> existing) {
        for (int i = 0; i < added.size(); i++) {
            byte[] prefix = added.get(i);
            byte[] clash = Tracking.overlapping(prefix, existing);
            String where = "an existing prefix";
            if (clash == null) {
                List<byte[]> others = new ArrayList<>(added);
                others.remove(i);
                clash = Tracking.overlapping(prefix, others);
                where = "another provided prefix";
            }
            if (clash != null) {
                throw new RespException("ERR Prefix '" + latin1(prefix) + "' overlaps with " + where + " '"
                        + latin1(clash) + "'. Prefixes for a single client must not overlap.");
            }
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** CLIENT CACHING YES|NO: whether the next command's keys are tracked, in OPTIN or OPTOUT mode. */
    private static void caching(Call call) {
        Subcommands.checkArity(call, 3);
        Session session = call.session();
        Tracking.Mode mode = session.tracking;
        if (mode == null) { // in any other mode, the wrong-mode errors below
            throw new RespException("ERR CLIENT CACHING can be called only when the client is in tracking mode"
                    + " with OPTIN or OPTOUT mode enabled");
        }
        if (call.is(2, "YES")) {
            if (!mode.optIn()) {
                throw new RespException("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (call.is(2, "NO")) {
            if (!mode.optOut()) {
                throw new RespException("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            throw RespException.syntax();
        }
        session.cachingNext = true;
        call.reply().ok();
    }

    /** CLIENT TRACKINGINFO: a map of the mode's flags (a set), the redirect and the BCAST prefixes. */
    private static void trackingInfo(Call call) {
        Session session = call.session();
        Tracking.Mode mode = session.tracking;
        List<String> flags = new ArrayList<>();
        if (mode == null) {
            flags.add("off");
        } else {
            flags.add("on");
            if (mode.bcast()) {
                flags.add("bcast");
            }
            if (mode.optIn()) {
                flags.add("optin");
                if (session.cachingNext) {
                    flags.add("caching-yes");
                }
            }
            if (mode.optOut()) {
                flags.add("optout");
                if (session.cachingNext) {
                    flags.add("caching-no");
                }
            }
            if (mode.noLoop()) {
                flags.add("noloop");
            }
            if (session.trackingRedirectBroken) {
                flags.add("broken_redirect");
            }
        }
        RespReply reply = call.reply();
        reply.map(3);
        reply.bulk("flags");
        reply.set(flags.size());
        flags.forEach(reply::bulk);
        reply.bulk("redirect");
        reply.integer(mode == null ? -1 : mode.redirect());
        reply.bulk("prefixes");
        List<byte[]> prefixes = mode == null ? List.of() : mode.prefixes();
        reply.array(prefixes.size());
        prefixes.forEach(reply::bulk);
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
