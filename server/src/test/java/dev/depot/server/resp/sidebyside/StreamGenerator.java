package dev.depot.server.resp.sidebyside;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The random command stream of one seed: mostly single commands drawn from the {@link Family}
 * table, and now and then a pipeline, a MULTI...EXEC block (with WATCH, a write from the other
 * client, a refused command), a command on the other client, a wrong number of arguments.
 */
final class StreamGenerator {
    private static final Match EXACT = Match.Rule.EXACT;
    private static final double TRANSACTION = 0.04;
    private static final double PIPELINE = 0.04;
    private static final double OTHER_CLIENT = 0.02;
    /** How often a command gets one argument too few or too many. */
    private static final double WRONG_ARITY = 0.03;

    private final Draw d;
    /** The rest of a transaction block, played one step at a time. */
    private final ArrayDeque<Step> pending = new ArrayDeque<>();
    private final int totalWeight;

    StreamGenerator(Draw draw) {
        this.d = draw;
        int total = 0;
        for (Family f : Family.values()) {
            total += f.weight();
        }
        this.totalWeight = total;
    }

    Step next() {
        if (pending.isEmpty()) {
            if (d.chance(TRANSACTION)) {
                pending.addAll(transaction());
            } else if (d.chance(PIPELINE)) {
                return pipeline();
            } else if (d.chance(OTHER_CLIENT)) {
                return single(Request.Client.OTHER, h -> h instanceof Handling.Compare);
            } else {
                return single(Request.Client.MAIN, h -> !(h instanceof Handling.InMultiOnly));
            }
        }
        return pending.poll();
    }

    private Step single(Request.Client client, Predicate<Handling> allowed) {
        return new Step.Single(request(client, allowed));
    }

    private Step pipeline() {
        List<Request> requests = new ArrayList<>();
        int n = d.between(2, 8);
        for (int i = 0; i < n; i++) {
            requests.add(request(Request.Client.MAIN,
                    h -> h instanceof Handling.Compare || h instanceof Handling.OutsideMulti));
        }
        return new Step.Pipeline(requests);
    }

    /**
     * [WATCH keys [a write by either client]] MULTI commands... EXEC|DISCARD. Inside: commands
     * that are queued (a refused one makes EXEC answer EXECABORT), and now and then a nested
     * MULTI or a WATCH, which are refused without aborting.
     */
    private List<Step> transaction() {
        List<Step> block = new ArrayList<>();
        if (d.chance(0.4)) {
            d.family(d.oneOf(Family.values()));
            List<String> watch = new ArrayList<>(List.of(d.word("WATCH")));
            watch.addAll(d.some(1, 2, d::key));
            block.add(control(watch));
            if (d.chance(0.5)) {
                Request.Client writer = d.chance(0.5) ? Request.Client.OTHER : Request.Client.MAIN;
                block.add(single(writer, h -> h instanceof Handling.Compare));
            }
        }
        block.add(control(List.of(d.word("MULTI"))));
        List<Match> queued = new ArrayList<>();
        int n = d.between(0, 5);
        for (int i = 0; i < n; i++) {
            if (d.chance(0.03)) {
                block.add(control(List.of(d.word("MULTI"))));
            } else if (d.chance(0.03)) {
                block.add(control(List.of(d.word("WATCH"), d.key())));
            } else if (d.chance(0.03)) {
                block.add(control(List.of("NOSUCHCOMMAND", d.value())));
            } else {
                Request r = request(Request.Client.MAIN,
                        h -> h instanceof Handling.Compare || h instanceof Handling.InMultiOnly);
                block.add(new Step.Single(r));
                queued.add(r.match());
            }
        }
        if (d.chance(0.1)) {
            block.add(control(List.of(d.word("DISCARD"))));
        } else {
            block.add(new Step.Single(new Request(Request.Client.MAIN, List.of(d.word("EXEC")),
                    new Handling.Compare(new Match.Each(queued)))));
        }
        return block;
    }

    private static Step control(List<String> args) {
        return new Step.Single(new Request(Request.Client.MAIN, args, new Handling.Compare(EXACT)));
    }

    /** A command of a family drawn by weight, among those whose handling {@code allowed} accepts. */
    private Request request(Request.Client client, Predicate<Handling> allowed) {
        Family family = family();
        d.family(family);
        List<CommandGen> candidates = family.commands().stream().filter(c -> allowed.test(c.handling())).toList();
        CommandGen gen = byWeight(candidates);
        List<String> args = new ArrayList<>();
        args.add(d.word(gen.name()));
        args.addAll(gen.arguments().draw(d));
        if (d.chance(WRONG_ARITY)) {
            if (args.size() > 1 && d.chance(0.6)) {
                args.subList(d.between(1, args.size() - 1), args.size()).clear();
            } else {
                args.add(d.value());
            }
        }
        return new Request(client, List.copyOf(args), gen.handling());
    }

    private Family family() {
        int pick = d.between(0, totalWeight - 1);
        for (Family f : Family.values()) {
            pick -= f.weight();
            if (pick < 0) {
                return f;
            }
        }
        throw new IllegalStateException("weights changed");
    }

    private CommandGen byWeight(List<CommandGen> candidates) {
        int total = candidates.stream().mapToInt(CommandGen::weight).sum();
        int pick = d.between(0, total - 1);
        for (CommandGen c : candidates) {
            pick -= c.weight();
            if (pick < 0) {
                return c;
            }
        }
        throw new IllegalStateException("no candidates");
    }
}
