package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Connection commands: PING, ECHO, SELECT, HELLO, AUTH, RESET, TIME (COMMAND is CommandIntrospection's). */
final class ConnectionCommands {
    private static final byte[] DEFAULT_USER = "default".getBytes(StandardCharsets.US_ASCII);
    private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

    private ConnectionCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("ping", -1, ConnectionCommands::ping);
        table.add("echo", 2, call -> call.reply().bulk(call.arg(1)));
        table.add("select", 2, ConnectionCommands::select);
        table.add("hello", -1, call -> hello(call, service.authenticator()));
        table.add("auth", -2, call -> auth(call, service.authenticator()));
        table.add("time", 1, call -> {
            Instant now = Instant.now(); // the system clock to the microsecond where the platform has it
            call.reply().array(2);
            call.reply().bulk(Long.toString(now.getEpochSecond()));
            call.reply().bulk(Long.toString(now.getNano() / 1000));
        });
        table.add("reset", 1, call -> reset(call, service));
    }

    /**
     * Back to a fresh connection: no transaction, watch, subscription, monitoring or key tracking,
     * database 0, RESP2, replies on, and logged out again when a password is required.
     */
    private static void reset(Call call, RespService service) {
        Session session = call.session();
        session.queued = null;
        session.transactionFailed = false;
        Transactions.unwatchAll(session, service.databases());
        PubSubCommands.dropAll(session, service.pubsub());
        service.accounting().monitors().remove(session);
        session.monitor = false;
        service.tracking().off(session);
        session.db = 0;
        session.protocol = 2;
        session.name = "";
        session.repliesOff = false;
        session.skipNextReply = false;
        session.noEvict = false;
        session.noTouch = false;
        session.authenticated = !service.authenticator().required();
        call.reply().simple("RESET");
    }

    /** AUTH [user] password: only the default user exists, with requirepass as its password. */
    private static void auth(Call call, Authenticator authenticator) {
        if (call.argc() > 3) {
            throw RespException.syntax();
        }
        if (call.argc() == 2 && !authenticator.required()) {
            throw new RespException("ERR AUTH <password> called without any password configured for the default user."
                    + " Are you sure your configuration is correct?");
        }
        byte[] user = call.argc() == 3 ? call.arg(1) : DEFAULT_USER;
        login(call.session(), authenticator, user, call.arg(call.argc() - 1));
        call.reply().ok();
    }

    /**
     * Logs the connection in as {@code user}. Without a password configured the default user
     * takes any password, as Redis's "nopass" default user does. A wrong password leaves the
     * connection as it was (logged in, if it was).
     */
    private static void login(Session session, Authenticator authenticator, byte[] user, byte[] password) {
        boolean ok = java.util.Arrays.equals(user, DEFAULT_USER)
                && (!authenticator.required() || authenticator.matches(password));
        if (!ok) {
            throw new RespException(WRONGPASS);
        }
        session.authenticated = true;
    }

    private static void ping(Call call) {
        if (call.argc() > 2) {
            throw new RespException("ERR wrong number of arguments for 'ping' command");
        }
        if (call.session().subscriptions() > 0 && call.session().protocol == 2) {
            // in subscribed mode RESP2 PING answers like a message
            call.reply().array(2);
            call.reply().bulk("pong");
            call.reply().bulk(call.argc() == 2 ? call.arg(1) : new byte[0]);
        } else if (call.argc() == 2) {
            call.reply().bulk(call.arg(1));
        } else {
            call.reply().simple("PONG");
        }
    }

    private static void select(Call call) {
        long index = call.longArg(1);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new RespException("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        if (index < 0 || index >= call.service().databases().count()) {
            throw new RespException("ERR DB index is out of range");
        }
        call.session().db = (int) index;
        call.reply().ok();
    }

    /** HELLO [protover [AUTH user pass] [SETNAME name]]: switches RESP2/RESP3 and describes the server. */
    private static void hello(Call call, Authenticator authenticator) {
        int protocol = call.session().protocol;
        int i = 1;
        if (call.argc() > 1) {
            Long version = RespNumbers.parseLong(call.arg(1));
            if (version == null) {
                throw new RespException("ERR Protocol version is not an integer or out of range");
            }
            if (version != 2 && version != 3) {
                throw new RespException("NOPROTO unsupported protocol version");
            }
            protocol = version.intValue();
            i = 2;
        }
        for (; i < call.argc(); i++) {
            // each option takes effect as it is read, as in Redis: a later bad option or password
            // does not undo an earlier SETNAME, and a failed AUTH stops before a later one
            if (call.is(i, "SETNAME") && i + 1 < call.argc()) {
                String name = call.text(++i);
                ClientCommands.checkClientName(name);
                call.session().name = name;
            } else if (call.is(i, "AUTH") && i + 2 < call.argc()) {
                login(call.session(), authenticator, call.arg(i + 1), call.arg(i + 2));
                i += 2;
            } else {
                throw new RespException("ERR Syntax error in HELLO option '" + call.quoted(i) + "'");
            }
        }
        if (!call.session().authenticated && authenticator.required()) {
            throw new RespException("NOAUTH HELLO must be called with the client already authenticated, otherwise the"
                    + " HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
                    + " protocol version at the same time");
        }
        call.session().protocol = protocol;
        RespReply reply = call.reply();
        reply.map(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(RespService.REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(protocol);
        reply.bulk("id");
        reply.integer(call.session().id);
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.array(0);
    }
}
