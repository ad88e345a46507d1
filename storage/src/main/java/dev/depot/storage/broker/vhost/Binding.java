package dev.depot.storage.broker.vhost;

import dev.depot.storage.broker.FieldValues;
import dev.depot.storage.broker.ResourceName;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A binding from an exchange to a queue or exchange. Two bindings are the same when all four
 * parts are: the same key with other arguments is another binding (unbind must name them).
 */
public record Binding(ResourceName source, ResourceName destination, String key, Map<String, Object> arguments) {
    public Binding {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binding other && source.equals(other.source) && destination.equals(other.destination)
                && key.equals(other.key) && FieldValues.sameTable(arguments, other.arguments);
    }

    /** Argument values stay out of the hash: byte[] and numbers of different widths may be equal. */
    @Override
    public int hashCode() {
        return Objects.hash(source, destination, key, arguments.keySet());
    }
}
