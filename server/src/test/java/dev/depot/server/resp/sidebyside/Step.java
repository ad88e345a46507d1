package dev.depot.server.resp.sidebyside;

import java.util.List;
import java.util.stream.Collectors;

/** One unit of the random stream as the runner plays it. */
sealed interface Step {

    /** One command, its reply read before the next step. */
    record Single(Request request) implements Step {
        @Override
        public String toString() {
            return request.toString();
        }
    }

    /** Commands written in one go on the main connection, their replies read afterwards. */
    record Pipeline(List<Request> requests) implements Step {
        @Override
        public String toString() {
            return "(pipeline) " + requests.stream().map(Request::toString).collect(Collectors.joining(" | "));
        }
    }
}
