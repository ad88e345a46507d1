package dev.depot.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Connection and server commands: PING, ECHO, SELECT, HELLO, CLIENT, INFO, CONFIG GET, TIME. */
final class ConnectionCommands {
    private ConnectionCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("ping", -1, ConnectionCommands::ping);
        table.add("echo", 2, call -> call.reply().bulk(call.arg(1)));
        table.add("select", 2, ConnectionCommands::select);
        table.add("hello", -1, ConnectionCommands::hello);
        table.add("client", -2, ConnectionCommands::client);
        table.add("info", -1, call -> info(call, service));
        table.add("config", -2, ConnectionCommands::config);
        table.add("time", 1, call -> {
            long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
            call.reply().array(2);
            call.reply().bulk(Long.toString(micros / 1_000_000));
            call.reply().bulk(Long.toString(micros % 1_000_000));
        });
        table.add("command", -1, ConnectionCommands::command);
        table.add("reset", 1, call -> {
            // back to a fresh connection: no transaction, watch or subscription, database 0, RESP2
            call.session().queued = null;
            call.session().transactionFailed = false;
            Transactions.unwatchAll(call.session(), service.databases());
            PubSubCommands.dropAll(call.session(), service.pubsub());
            call.session().db = 0;
            call.session().protocol = 2;
            call.session().name = "";
            call.reply().simple("RESET");
        });
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
    private static void hello(Call call) {
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
            if (call.is(i, "SETNAME") && i + 1 < call.argc()) {
                // taken at once, as Redis does: a later bad option or password does not undo it
                String name = call.text(++i);
                checkClientName(name);
                call.session().name = name;
            } else if (call.is(i, "AUTH") && i + 2 < call.argc()) {
                // no passwords are configured yet: the default user logs in with any password
                if (!call.text(i + 1).equals("default")) {
                    throw new RespException("WRONGPASS invalid username-password pair or user is disabled.");
                }
                i += 2;
            } else {
                throw new RespException("ERR Syntax error in HELLO option '" + call.quoted(i) + "'");
            }
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

    private static void client(Call call) {
        String sub = call.text(1).toUpperCase(Locale.ROOT);
        if ((sub.equals("ID") || sub.equals("GETNAME")) && call.argc() != 2) {
            throw new RespException("ERR wrong number of arguments for 'client|" + sub.toLowerCase(Locale.ROOT)
                    + "' command");
        }
        switch (sub) {
            case "ID" -> call.reply().integer(call.session().id);
            case "SETNAME" -> {
                if (call.argc() != 3) {
                    throw new RespException("ERR wrong number of arguments for 'client|setname' command");
                }
                String name = call.text(2);
                checkClientName(name);
                call.session().name = name;
                call.reply().ok();
            }
            case "GETNAME" -> {
                if (call.session().name.isEmpty()) {
                    call.reply().nullBulk();
                } else {
                    call.reply().bulk(call.session().name);
                }
            }
            case "SETINFO" -> call.reply().ok();
            default -> throw new RespException("ERR unknown subcommand '" + call.text(1)
                    + "'. Try CLIENT HELP.");
        }
    }

    private static void checkClientName(String name) {
        if (name.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new RespException("ERR Client names cannot contain spaces, newlines or special characters.");
        }
    }

    /** INFO [section ...]: the Server, Memory and Keyspace sections (all of them by default). */
    private static void info(Call call, RespService service) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (int i = 1; i < call.argc(); i++) {
            wanted.add(call.text(i).toLowerCase(Locale.ROOT));
        }
        boolean all = wanted.isEmpty() || wanted.contains("all") || wanted.contains("default")
                || wanted.contains("everything");
        long uptime = (System.currentTimeMillis() - service.startedMillis()) / 1000;
        StringBuilder text = new StringBuilder();
        if (all || wanted.contains("server")) {
            text.append("# Server\r\n")
                    .append("redis_version:").append(RespService.REDIS_VERSION).append("\r\n")
                    .append("redis_mode:standalone\r\n")
                    .append("os:").append(System.getProperty("os.name")).append("\r\n")
                    .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                    .append("tcp_port:").append(service.config().redisPort()).append("\r\n")
                    .append("uptime_in_seconds:").append(uptime).append("\r\n");
        }
        if (all || wanted.contains("memory")) {
            text.append(text.length() > 0 ? "\r\n" : "").append("# Memory\r\n")
                    .append("used_memory:").append(service.databases().budget().used()).append("\r\n")
                    .append("maxmemory:").append(service.databases().budget().max()).append("\r\n");
        }
        if (all || wanted.contains("keyspace")) {
            text.append(text.length() > 0 ? "\r\n" : "").append("# Keyspace\r\n");
            for (int i = 0; i < service.databases().count(); i++) {
                var db = service.databases().get(i);
                long keys = db.stats().currItems();
                if (keys > 0) {
                    text.append("db").append(i).append(":keys=").append(keys)
                            .append(",expires=").append(db.expiringKeys()).append(",avg_ttl=0\r\n");
                }
            }
        }
        call.reply().bulk(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** CONFIG GET for the few keys clients ask about at connect time; other sub-commands later. */
    private static void config(Call call) {
        if (!call.is(1, "GET")) {
            throw new RespException("ERR unknown subcommand '" + call.text(1) + "'. Try CONFIG HELP.");
        }
        if (call.argc() < 3) {
            throw new RespException("ERR wrong number of arguments for 'config|get' command");
        }
        java.util.List<String[]> pairs = new java.util.ArrayList<>();
        for (int i = 2; i < call.argc(); i++) {
            String key = call.text(i);
            String value = switch (key.toLowerCase(Locale.ROOT)) {
                case "save" -> "";
                case "appendonly" -> "no";
                case "databases" -> Integer.toString(call.service().databases().count());
                case "maxmemory" -> Long.toString(call.service().databases().budget().max());
                default -> null;
            };
            if (value != null) {
                pairs.add(new String[] {key, value});
            }
        }
        call.reply().map(pairs.size());
        for (String[] pair : pairs) {
            call.reply().bulk(pair[0]);
            call.reply().bulk(pair[1]);
        }
    }

    /** COMMAND COUNT and an empty COMMAND DOCS (the full reference comes with the command metadata). */
    private static void command(Call call) {
        if (call.argc() == 1) {
            call.reply().array(0);
        } else if (call.is(1, "COUNT")) {
            call.reply().integer(call.service().commands().all().size());
        } else if (call.is(1, "DOCS")) {
            call.reply().map(0);
        } else {
            throw new RespException("ERR unknown subcommand '" + call.text(1) + "'. Try COMMAND HELP.");
        }
    }
}
