package dev.depot.server.resp.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A SCAN, HSCAN or SSCAN followed from cursor 0 until the server hands back cursor 0, on each
 * server separately: the two may cut the pages differently, so only what the whole walk returned
 * is compared, as a set, since Redis promises every element present throughout, in no order,
 * perhaps more than once.
 */
final class ScanWalk {
    /** A walk this long means a cursor that never comes back to 0. */
    private static final int MAX_PAGES = 10_000;

    /**
     * One server's walk: its first reply, and the elements of every page (null when the first
     * reply was not a page: an error).
     */
    private record Walk(Reply first, Set<String> elements, int pages) {
        @Override
        public String toString() {
            return elements == null ? first.toString()
                    : elements.size() + " distinct elements in " + pages + " page(s): " + elements;
        }
    }

    private ScanWalk() {
    }

    static void compare(Duel duel, Request request, Handling.ScanAll scan) {
        Walk a = walk(duel.reference().link(request.client()), request.args(), scan);
        Walk b = walk(duel.target().link(request.client()), request.args(), scan);
        if (a.elements() == null || b.elements() == null) {
            duel.judge(request, Match.Rule.EXACT, a.first(), b.first());
            return;
        }
        if (!a.elements().equals(b.elements())) {
            throw duel.mismatch(request, "different elements over the whole scan", a.toString(), b.toString());
        }
        duel.remember(request + "  ->  " + a);
    }

    private static Walk walk(RespLink link, List<String> firstArgs, Handling.ScanAll scan) {
        List<String> args = new ArrayList<>(firstArgs);
        Reply first = null;
        Set<String> elements = new TreeSet<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Reply reply = link.call(args);
            if (first == null) {
                first = reply;
            }
            List<Reply> parts = reply.elements();
            if (parts == null || parts.size() != 2 || parts.get(0).string() == null || parts.get(1).elements() == null) {
                if (page == 1) {
                    return new Walk(first, null, page); // refused: compared as it is
                }
                throw new AssertionError(link.server() + " answered page " + page + " of " + firstArgs
                        + " with something that is not a page: " + reply);
            }
            List<Reply> items = parts.get(1).elements();
            int group = scan.pairs() ? 2 : 1;
            for (int i = 0; i + group <= items.size(); i += group) {
                elements.add(items.subList(i, i + group).toString());
            }
            String cursor = parts.get(0).string();
            if (cursor.equals("0")) {
                return new Walk(first, elements, page);
            }
            args.set(scan.cursorArg(), cursor);
        }
        throw new AssertionError("a scan did not end within " + MAX_PAGES + " pages: " + firstArgs);
    }
}
