package dev.depot.server.resp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** INFO, MONITOR, SHUTDOWN and WAIT: the server as a whole. */
final class ServerCommands {
    private ServerCommands() {
    }

    static void register(CommandTable table, RespService service) {
        table.add("info", -1, call -> info(call, service));
        table.add("monitor", 1, call -> monitor(call, service.accounting().monitors()));
        table.add("shutdown", -1, call -> shutdown(call, service));
        table.add("wait", 3, ServerCommands::waitForReplicas);
    }

    /** INFO [section ...]: a bulk string in RESP2, a verbatim string in RESP3. */
    private static void info(Call call, RespService service) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i < call.argc(); i++) {
            names.add(call.text(i));
        }
        call.reply().verbatim(InfoReport.render(service, InfoSection.requested(names)));
    }

    /** MONITOR: OK, then a line for every command. Sent again it is ignored, without a reply, as in Redis. */
    private static void monitor(Call call, Monitors monitors) {
        Session session = call.session();
        if (session.monitor) {
            return;
        }
        session.monitor = true;
        monitors.add(session);
        call.reply().ok();
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: stops the daemon the way SIGTERM does. Depot
     * has nothing to save and no replicas to wait for, so the flags only need to make sense
     * together; ABORT finds no shutdown in progress. Like Redis, a shutting-down server does not
     * answer: the connection just closes.
     */
    private static void shutdown(Call call, RespService service) {
        boolean save = false;
        boolean nosave = false;
        boolean abort = false;
        for (int i = 1; i < call.argc(); i++) {
            switch (call.text(i).toLowerCase(Locale.ROOT)) {
                case "save" -> save = true;
                case "nosave" -> nosave = true;
                case "abort" -> abort = true;
                case "now", "force" -> {
                    // nothing to wait for, nothing that could fail
                }
                default -> throw RespException.syntax();
            }
        }
        if ((save && nosave) || (abort && call.argc() > 2)) {
            throw RespException.syntax();
        }
        if (abort) {
            throw new RespException("ERR No shutdown in progress.");
        }
        call.session().closeAfterReply = true;
        service.environment().shutdown().shutdown("SHUTDOWN from " + PeerAddress.remote(call.session()));
    }

    /** WAIT numreplicas timeout: Depot has no replicas, so no write ever reaches one: 0 at once. */
    private static void waitForReplicas(Call call) {
        call.longArg(1);
        Long timeout = RespNumbers.parseLong(call.arg(2));
        if (timeout == null) {
            throw new RespException("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new RespException("ERR timeout is negative");
        }
        call.reply().integer(0);
    }
}
