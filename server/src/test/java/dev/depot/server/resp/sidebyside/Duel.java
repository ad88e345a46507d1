package dev.depot.server.resp.sidebyside;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays a stream of steps on the reference Redis and on the server under test, in lock step,
 * and fails at the first pair of replies that disagree, with what a developer needs to replay
 * it: the seed, the step, the command, both replies and the commands just before.
 */
final class Duel {
    /** How many earlier commands a failure report shows ({@code -Ddepot.sidebyside.history=N}). */
    private static final int HISTORY = Integer.getInteger("depot.sidebyside.history", 12);
    /** How many characters of a reply a failure report shows. */
    private static final int REPORTED_REPLY_CHARS = 2000;
    /** How many characters of a reply a history line shows. */
    private static final int HISTORY_REPLY_CHARS = 160;

    /** One server's two connections for the run. */
    record Side(String name, RespLink main, RespLink other) {
        RespLink link(Request.Client client) {
            return client == Request.Client.MAIN ? main : other;
        }
    }

    private final Side reference;
    private final Side target;
    private final Run run;
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private final Map<String, Integer> tolerated = new TreeMap<>();
    private int step;

    /** What a failure report calls the run, and how to play it again alone. */
    record Run(String name, String replay) {
    }

    Duel(Side reference, Side target, Run run) {
        this.reference = reference;
        this.target = target;
        this.run = run;
    }

    Side reference() {
        return reference;
    }

    Side target() {
        return target;
    }

    void play(Step s) {
        step++;
        try {
            if (s instanceof Step.Single single) {
                playSingle(single.request());
            } else if (s instanceof Step.Pipeline pipeline) {
                playPipeline(pipeline.requests());
            }
        } catch (Mismatch m) {
            throw m;
        } catch (AssertionError | RuntimeException e) {
            // a connection closed or a reply that never came: the same report, and the cause
            Mismatch m = mismatch(s, String.valueOf(e.getMessage()), "(see the cause)", "(see the cause)");
            m.initCause(e);
            throw m;
        }
    }

    /** A failure report (see {@link #mismatch}). */
    static final class Mismatch extends AssertionError {
        Mismatch(String report) {
            super(report);
        }
    }

    private void playSingle(Request request) {
        if (request.handling() instanceof Handling.ScanAll scan) {
            ScanWalk.compare(this, request, scan);
        } else if (request.handling() instanceof Handling.RandomPop pop) {
            Reply[] replies = exchange(request);
            PopCheck.compare(this, request, pop, replies[0], replies[1]);
        } else if (request.handling() instanceof Handling.Known known) {
            exchangeTolerating(request, known);
        } else {
            exchange(request);
        }
    }

    /** {@link #exchange}, but a known difference is counted instead of failing the run. */
    private void exchangeTolerating(Request request, Handling.Known known) {
        Reply[] replies = both(request);
        Reply ra = replies[0];
        Reply rb = replies[1];
        if (known.match().disagreement(ra, rb) != null && known.known().shows().test(ra, rb)) {
            tolerated.merge(known.known().description(), 1, Integer::sum);
            remember(request + "  ->  " + ra + "  (known difference; " + target.name() + ": " + rb + ")");
            return;
        }
        judge(request, known.match(), ra, rb);
    }

    /** How often each known difference showed in this run. */
    Map<String, Integer> tolerated() {
        return tolerated;
    }

    /** Sends one command to both servers, compares the replies by its rule, returns them. */
    private Reply[] exchange(Request request) {
        Reply[] replies = both(request);
        judge(request, request.match(), replies[0], replies[1]);
        return replies;
    }

    /** The command sent to both servers before either reply is read, so that both work at once. */
    private Reply[] both(Request request) {
        List<String> args = request.args();
        reference.link(request.client()).send(List.of(args));
        target.link(request.client()).send(List.of(args));
        return new Reply[] {reference.link(request.client()).read(), target.link(request.client()).read()};
    }

    private void playPipeline(List<Request> requests) {
        List<List<String>> commands = requests.stream().map(Request::args).toList();
        reference.main().send(commands);
        target.main().send(commands);
        List<Reply> a = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            a.add(reference.main().read());
        }
        List<Reply> b = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            b.add(target.main().read());
        }
        for (int i = 0; i < requests.size(); i++) {
            judge("(pipelined " + (i + 1) + "/" + requests.size() + ") " + requests.get(i), requests.get(i).match(),
                    a.get(i), b.get(i));
        }
    }

    /** Fails the run when the replies disagree under {@code match}; else remembers the command. */
    void judge(Object command, Match match, Reply reference, Reply target) {
        String why = match.disagreement(reference, target);
        if (why != null) {
            throw mismatch(command, why, reference.toString(), target.toString());
        }
        remember(command + "  ->  " + reference);
    }

    /** A failure at the current step, with both servers' replies (or findings) spelled out. */
    Mismatch mismatch(Object command, String why, String referenceSaw, String targetSaw) {
        StringBuilder b = new StringBuilder()
                .append(run.name()).append(", step ").append(step).append(": ").append(why).append('\n')
                .append("  command:      ").append(command).append('\n')
                .append("  ").append(pad(reference.name())).append(cut(referenceSaw)).append('\n')
                .append("  ").append(pad(target.name())).append(cut(targetSaw)).append('\n')
                .append("  before it (newest last; replies are the reference's):\n");
        for (String h : history) {
            b.append("    ").append(h).append('\n');
        }
        b.append("  replay: ").append(run.replay()).append('\n');
        return new Mismatch(b.toString());
    }

    void remember(String line) {
        if (line.length() > HISTORY_REPLY_CHARS * 2) {
            line = line.substring(0, HISTORY_REPLY_CHARS * 2) + "...";
        }
        history.addLast("#" + step + " " + line);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    /** A reply shown in a report: long ones (COMMAND's, say) cut to their first characters. */
    private static String cut(String reply) {
        return reply.length() <= REPORTED_REPLY_CHARS ? reply
                : reply.substring(0, REPORTED_REPLY_CHARS) + "... (" + reply.length() + " characters)";
    }

    private static String pad(String name) {
        return (name + ":" + " ".repeat(14)).substring(0, 14);
    }
}
