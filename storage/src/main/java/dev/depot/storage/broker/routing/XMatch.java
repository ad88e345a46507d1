package dev.depot.storage.broker.routing;

import dev.depot.storage.broker.BrokerException;
import dev.depot.storage.broker.ReplyCode;
import dev.depot.storage.broker.FieldValues;

import java.util.Map;

/** A headers binding's x-match mode: whether all or any of its headers must match, and whether x- headers count. */
public enum XMatch {
    ALL("all", true, false),
    ANY("any", false, false),
    ALL_WITH_X("all-with-x", true, true),
    ANY_WITH_X("any-with-x", false, true);

    static final String KEY = "x-match";

    private final String value;
    private final boolean all;
    private final boolean withX;

    XMatch(String value, boolean all, boolean withX) {
        this.value = value;
        this.all = all;
        this.withX = withX;
    }

    public boolean requiresAll() {
        return all;
    }

    /** Whether headers named x-... take part (x-match itself never does). */
    public boolean countsXHeaders() {
        return withX;
    }

    /** The mode of a binding; absent means all. Refuses other values with RabbitMQ's 406 texts. */
    public static XMatch of(Map<String, Object> arguments) {
        if (!arguments.containsKey(KEY)) {
            return ALL;
        }
        Object raw = arguments.get(KEY);
        if (!(raw instanceof String text)) {
            throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "Invalid x-match field type "
                    + FieldValues.typeName(raw) + " (value " + FieldValues.format(raw) + "); expected longstr");
        }
        for (XMatch mode : values()) {
            if (mode.value.equals(text)) {
                return mode;
            }
        }
        throw new BrokerException(ReplyCode.PRECONDITION_FAILED, "Invalid x-match field value <<\"" + text
                + "\">>; expected all, any, all-with-x, or any-with-x");
    }
}
